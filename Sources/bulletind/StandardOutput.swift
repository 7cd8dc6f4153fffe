import Foundation

/// Buffered writes to standard output that survive a closed pipe (`| head`).
enum StandardOutput {
    static func write(_ s: String) {
        write(bytes: Array(s.utf8))
    }

    static func write(bytes: [UInt8]) {
        var data = bytes
        data.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
