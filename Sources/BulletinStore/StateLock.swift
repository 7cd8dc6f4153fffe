#if canImport(Glibc)
    import Glibc
#endif

/// An advisory lock (flock) on `DIR/lock` that serialises writers of one state directory, across
/// processes: the daemon and a `bulletind ingest` run can both write, one version at a time.
/// Readers never take it.
final class StateLock: Sendable {
    private let fd: Int32
    let path: String

    init(directory: String) throws(StoreError) {
        path = "\(directory)/lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.io("open", path: path, errno: errno) }
    }

    deinit { close(fd) }

    /// Runs `body` holding the lock, waiting for another writer to finish first.
    func exclusively<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw StoreError.io("lock", path: path, errno: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Runs `body` holding the lock if no writer has it now; nil otherwise.
    func ifFree<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T? {
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return nil }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
