#if canImport(Glibc)
    import Glibc
#endif

/// Why the store could not do what was asked. Every case reads as one line.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed: what was being done, on which path, and errno.
    case io(String, path: String, errno: Int32)
    /// Another process holds the state directory for writing.
    case locked(String)
    /// No such source or version.
    case notFound(String)
    /// Stored data does not match its hash, or the index is damaged.
    case corrupt(String)
    /// A request that makes no sense (a bad source id, an empty file).
    case invalid(String)
    /// The index database failed.
    case database(String)

    public var description: String {
        switch self {
        case .io(let operation, let path, let code):
            return "cannot \(operation) \(path): \(String(cString: strerror(code)))"
        case .locked(let what): return what
        case .notFound(let what): return what
        case .corrupt(let what): return "corrupt: \(what)"
        case .invalid(let what): return what
        case .database(let what): return "index database: \(what)"
        }
    }

    /// True when trying again later may work (a full disk freed, an I/O hiccup).
    public var isRetryable: Bool {
        if case .io = self { return true }
        if case .locked = self { return true }
        return false
    }
}
