/// Turns a document as served (HTML or text, in any Chinese charset) into text the parser reads.
///
/// ```swift
/// let document = try Intake.read(bytes, contentType: "text/html; charset=gb2312")
/// let result = try BulletinParser(options: .init(title: document.title)).parse(text: document.text)
/// ```
public enum Intake {
    /// Reads a document.
    /// - Parameters:
    ///   - contentType: the HTTP Content-Type, when the document was fetched; its charset is a hint.
    ///   - charset: a charset to use whatever the bytes say (`--charset`).
    ///   - format: a format to use whatever the bytes look like (`--content-type`).
    public static func read(
        _ bytes: [UInt8], contentType: String? = nil, charset: Charset? = nil, format: DocumentFormat? = nil
    ) throws -> IntakeDocument {
        let format = format ?? DocumentFormat.detect(bytes, contentType: contentType)
        switch format {
        case .pdf:
            return try PDFReader.read(bytes)
        case .docx:
            return try DOCXReader.read(bytes)
        case .legacyWord:
            throw IntakeError.unsupportedFormat("legacy Word .doc; save it as .docx or PDF")
        case .text, .html:
            break
        }
        let decision = CharsetDetector.detect(bytes, headerCharset: headerCharset(contentType), override: charset)
        if decision.charset == .utf8 || decision.charset == .gb18030 || decision.charset == .big5,
            let control = firstControlByte(bytes, from: decision.skip)
        {
            throw IntakeError.binaryData(offset: control)
        }
        let (text, replaced) = try TextDecoder.decode(Array(bytes[decision.skip...]), as: decision.charset)
        var warnings: [String] = []
        if replaced > 0 {
            warnings.append(
                "\(replaced) byte\(replaced == 1 ? "" : "s") could not be read as \(decision.charset.rawValue) and were replaced"
            )
        }
        var document: IntakeDocument
        if format == .html {
            document = try HTMLTextExtractor.extract(html: text)
        } else {
            // Tables typed as aligned columns ("表1 …" then rows of a label and figures) are read as
            // sentences too; the raw rows stay where they are and yield nothing by themselves.
            let tables = LayoutTableReader.sentences(text)
            document = IntakeDocument(
                text: tables.isEmpty ? text : text + "\n\n" + tables.joined(separator: "\n\n"), format: .text)
        }
        document.charset = decision.charset
        document.warnings = warnings + document.warnings
        return document
    }

    /// The charset parameter of a Content-Type header.
    static func headerCharset(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
                return String(parts[1])
            }
        }
        return nil
    }

    /// The offset of the first NUL or other control byte that text never holds.
    static func firstControlByte(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B { return i }
            i += 1
        }
        return nil
    }
}
