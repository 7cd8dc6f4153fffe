/// Decides how the bytes of a page are encoded.
///
/// In order: a byte-order mark; valid UTF-8 (it wins over a GB label that lies, as some portals'
/// pages declare GB2312 and are UTF-8); the HTTP header's charset; a `<meta charset>` or
/// `http-equiv` declaration; and for undeclared bytes that are not UTF-8, GB18030, the usual
/// encoding of Chinese government pages.
enum CharsetDetector {
    struct Decision: Equatable {
        var charset: Charset
        /// Bytes to skip at the start (a byte-order mark).
        var skip: Int
        /// What decided it, for `--show-text` and warnings.
        var reason: String
    }

    static func detect(_ bytes: [UInt8], headerCharset: String? = nil, override: Charset? = nil) -> Decision {
        if let override { return Decision(charset: override, skip: bomLength(bytes, override), reason: "given") }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decision(charset: .utf8, skip: 3, reason: "byte-order mark")
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return Decision(charset: .utf16LE, skip: 2, reason: "byte-order mark") }
        if bytes.starts(with: [0xFE, 0xFF]) { return Decision(charset: .utf16BE, skip: 2, reason: "byte-order mark") }
        if isValidUTF8(bytes) { return Decision(charset: .utf8, skip: 0, reason: "valid UTF-8") }
        if let header = headerCharset.flatMap(Charset.init(label:)), header != .utf8 {
            return Decision(charset: header, skip: 0, reason: "HTTP header")
        }
        if let declared = declaredCharset(bytes), declared != .utf8 {
            return Decision(charset: declared, skip: 0, reason: "meta charset")
        }
        return Decision(charset: .gb18030, skip: 0, reason: "not UTF-8, read as GB18030")
    }

    private static func bomLength(_ bytes: [UInt8], _ charset: Charset) -> Int {
        switch charset {
        case .utf8: return bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        case .utf16LE: return bytes.starts(with: [0xFF, 0xFE]) ? 2 : 0
        case .utf16BE: return bytes.starts(with: [0xFE, 0xFF]) ? 2 : 0
        default: return 0
        }
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    /// The charset named by `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">`
    /// in the first 4 KB, read as ASCII.
    static func declaredCharset(_ bytes: [UInt8]) -> Charset? {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        var searchFrom = head.startIndex
        while let range = head.range(of: "charset", range: searchFrom..<head.endIndex) {
            var rest = head[range.upperBound...].drop { $0 == " " }
            guard rest.first == "=" else {
                searchFrom = range.upperBound
                continue
            }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
            let label = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            if let charset = Charset(label: String(label)) { return charset }
            searchFrom = range.upperBound
        }
        return nil
    }
}
