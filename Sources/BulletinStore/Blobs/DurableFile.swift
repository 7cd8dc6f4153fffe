#if canImport(Glibc)
    import Glibc
#endif

/// The file system calls behind a durable write, each of which a test can make fail.
package enum FileOperation: Sendable, Equatable {
    case create, write, fsync, close, rename, fsyncDirectory
}

/// Writes files so that once `write` returns, they survive a crash or power loss; and when it
/// throws, nothing half-written is left where a reader would see it.
///
/// The sequence: a temporary file in the target's own directory, created with O_EXCL; every byte
/// written; fsync; close; rename over the final name; fsync of the directory. Any failure removes
/// what was written and throws. A failed fsync is never retried: after one, the kernel may have
/// dropped the dirty pages and a second fsync would report success for data that is gone.
package struct DurableFile: Sendable {
    /// Returns an errno to fail the given operation with; tests inject ENOSPC and EIO here.
    package var fault: @Sendable (FileOperation) -> Int32? = { _ in nil }

    package init() {}

    /// The prefix of temporary files; anything named so is debris from an interrupted write.
    package static let temporaryPrefix = ".tmp-"

    /// Writes `bytes` to `path` durably.
    package func write(_ bytes: [UInt8], to path: String) throws(StoreError) {
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        let temporary = "\(directory)/\(Self.temporaryPrefix)\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let fd = try call(.create, temporary) { open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644) }
        var closed = false
        do {
            try writeAll(bytes, to: fd, path: temporary)
            _ = try call(.fsync, temporary) { fsync(fd) }
            closed = true
            _ = try call(.close, temporary) { close(fd) }
            _ = try call(.rename, path) { rename(temporary, path) }
        } catch {
            if !closed { close(fd) }
            unlink(temporary)
            throw error
        }
        do {
            try syncDirectory(directory)
        } catch {
            unlink(path)  // visible but not known durable: take it back, the caller retries in full
            throw error
        }
    }

    /// fsync of a directory, so a rename or a new entry in it is durable.
    package func syncDirectory(_ directory: String) throws(StoreError) {
        let fd = try call(.fsyncDirectory, directory) { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { close(fd) }
        _ = try call(.fsyncDirectory, directory) { fsync(fd) }
    }

    private func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(StoreError) {
        var offset = 0
        while offset < bytes.count {
            if let injected = fault(.write) { throw StoreError.io("write", path: path, errno: injected) }
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw StoreError.io("write", path: path, errno: errno)
            }
            offset += written
        }
    }

    /// Runs a call that returns -1 on failure, unless a fault is injected for it.
    private func call(_ operation: FileOperation, _ path: String, _ body: () -> Int32) throws(StoreError) -> Int32 {
        let name: String
        switch operation {
        case .create: name = "create"
        case .write: name = "write"
        case .fsync, .fsyncDirectory: name = "fsync"
        case .close: name = "close"
        case .rename: name = "rename to"
        }
        if let injected = fault(operation) { throw StoreError.io(name, path: path, errno: injected) }
        let result = body()
        if result < 0 { throw StoreError.io(name, path: path, errno: errno) }
        return result
    }
}
