import Foundation

/// A character encoding bulletins are served in.
public enum Charset: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    /// GB2312, GBK, x-gbk, cp936 and GB18030 all decode as GB18030 (the WHATWG rule).
    case gb18030
    case big5

    /// The charset a label names, or nil for labels bulletind does not know.
    ///
    /// ```swift
    /// Charset(label: "GB2312")  // .gb18030
    /// ```
    public init?(label: String) {
        let l = label.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        switch l {
        case "utf-8", "utf8", "unicode-1-1-utf-8": self = .utf8
        case "utf-16le", "utf-16": self = .utf16LE
        case "utf-16be": self = .utf16BE
        case "gb2312", "gbk", "x-gbk", "gb18030", "cp936", "ms936", "windows-936", "chinese", "csgb2312", "euc-cn",
            "iso-ir-58", "gb_2312-80":
            self = .gb18030
        case "big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5": self = .big5
        default: return nil
        }
    }

    /// The name iconv knows the charset by.
    var iconvName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf16LE: return "UTF-16LE"
        case .utf16BE: return "UTF-16BE"
        case .gb18030: return "GB18030"
        case .big5: return "BIG5-HKSCS"
        }
    }
}
