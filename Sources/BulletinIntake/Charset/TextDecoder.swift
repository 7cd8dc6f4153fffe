import Foundation
import Glibc

/// Decodes bytes to text with iconv, replacing what cannot be decoded with U+FFFD.
enum TextDecoder {
    /// The text and how many bytes had to be replaced.
    static func decode(_ bytes: [UInt8], as charset: Charset) throws -> (text: String, replaced: Int) {
        if charset == .utf8 {
            let text = String(decoding: bytes, as: UTF8.self)
            let replaced = text.unicodeScalars.reduce(0) { $0 + ($1 == "\u{FFFD}" ? 1 : 0) }
            return (text, replaced)
        }
        let converter = iconv_open("UTF-8", charset.iconvName)
        guard converter != iconv_t(bitPattern: -1) else { throw IntakeError.unsupportedCharset(charset.rawValue) }
        defer { iconv_close(converter) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 2 + 16)
        var replaced = 0
        var input = bytes
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        input.withUnsafeMutableBufferPointer { inBuffer in
            guard let base = inBuffer.baseAddress else { return }
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(base).assumingMemoryBound(
                to: CChar.self)
            var inLeft = inBuffer.count
            while inLeft > 0 {
                let (result, produced, error) = chunk.withUnsafeMutableBufferPointer { out -> (Int, Int, Int32) in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = out.count
                    let r = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (r, out.count - outLeft, r == -1 ? errno : 0)
                }
                output.append(contentsOf: chunk[0..<produced])
                if result != -1 { break }
                if error == E2BIG { continue }
                // EILSEQ or EINVAL: an invalid or truncated sequence; replace one byte and go on
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                replaced += 1
                inPointer = inPointer.map { $0 + 1 }
                inLeft -= 1
                _ = iconv(converter, nil, nil, nil, nil)
            }
        }
        return (String(decoding: output, as: UTF8.self), replaced)
    }
}
