/// The format of a document, told from its content.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case text
    case html
    case pdf
    case docx
    /// The legacy binary Word format (.doc): not supported without a converter.
    case legacyWord = "doc"

    /// The format the bytes look like: magic numbers first, then markup, else text.
    ///
    /// ```swift
    /// DocumentFormat.detect(Array("%PDF-1.7".utf8))  // .pdf
    /// ```
    public static func detect(_ bytes: [UInt8], contentType: String? = nil) -> DocumentFormat {
        if let contentType = contentType?.lowercased() {
            if contentType.contains("pdf") { return .pdf }
            if contentType.contains("wordprocessingml") { return .docx }
            if contentType.contains("msword") { return .legacyWord }
            if contentType.contains("html") || contentType.contains("xhtml") { return .html }
            if contentType.hasPrefix("text/plain") { return .text }
        }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .docx }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyWord }
        let head = String(decoding: bytes.prefix(2048).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        for marker in ["<!doctype html", "<html", "<head", "<body", "<meta ", "<div", "<p>", "<p ", "<table", "<title"]
        where head.contains(marker) {
            return .html
        }
        return .text
    }
}
