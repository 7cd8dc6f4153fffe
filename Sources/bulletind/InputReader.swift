import Foundation

/// Reads a whole input, from a file or standard input, with one-line errors.
enum InputReader {
    /// The largest document `parse` reads; bulletins are a few MB, and a 200 MB file is a mistake.
    static let maxBytes = 100 * 1024 * 1024

    static func read(_ path: String) throws -> [UInt8] {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CommandFailure("\(path): no such file")
            }
            guard !isDirectory.boolValue else { throw CommandFailure("\(path): is a directory") }
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxBytes {
                throw CommandFailure("\(path): larger than \(maxBytes / 1024 / 1024) MB; not a bulletin")
            }
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw CommandFailure("\(path): cannot be read (permission denied?)")
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        var bytes: [UInt8] = []
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw CommandFailure("\(path): read failed: \(error.localizedDescription)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            bytes.append(contentsOf: chunk)
            if bytes.count > maxBytes {
                throw CommandFailure("\(path): larger than \(maxBytes / 1024 / 1024) MB; not a bulletin")
            }
        }
        return bytes
    }
}

/// A failure reported to the user as one line on standard error, with exit status 1.
