import Glibc

/// Reads a file with open(2) and read(2), at most `limit` bytes.
///
/// Foundation's `Data(contentsOf:)` leaks a 4 KB buffer per call on this toolchain (LeakSanitizer
/// shows it); intake reads a child's output file for every PDF, so it reads files itself.
enum FileBytes {
    static func read(_ path: String, limit: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IntakeError.malformed("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return bytes }
            if n < 0 {
                if errno == EINTR { continue }
                throw IntakeError.malformed("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit { throw IntakeError.malformed("the text exceeds \(limit / 1024 / 1024) MB") }
        }
    }
}
