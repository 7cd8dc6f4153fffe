/// Turns the bytes of a text document into a String, refusing what is not text.
///
/// ```swift
/// let text = try DocumentDecoder.decodeUTF8(Array("增长5.2%".utf8))
/// ```
public enum DocumentDecoder {
    /// Decodes UTF-8, with or without a byte-order mark.
    /// - Throws: ``ParserError/invalidUTF8(offset:)`` at the first bad sequence,
    ///   ``ParserError/binaryData(offset:)`` for NUL and other control bytes.
    public static func decodeUTF8(_ bytes: some Collection<UInt8>) throws -> String {
        let buffer = Array(bytes)
        var start = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        if let bad = firstControlByte(buffer, from: start) {
            throw ParserError.binaryData(offset: bad)
        }
        if let bad = firstInvalidUTF8(buffer, from: start) {
            throw ParserError.invalidUTF8(offset: bad)
        }
        return String(decoding: buffer[start...], as: UTF8.self)
    }

    /// The offset of the first control byte other than tab, line feed, carriage return and form feed.
    static func firstControlByte(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { return i }
            i += 1
        }
        return nil
    }

    /// The offset of the first byte that does not begin or continue a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return i
            }
            if i + length > n { return i }
            let second = bytes[i + 1]
            if second < low || second > high { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
