public import BulletinIntake
public import BulletinParser
public import BulletinStore
public import Foundation

/// Bytes as fetched → a snapshot ready to store: text through intake, indicators through the parser.
///
/// ```swift
/// let snapshot = try DocumentReader().snapshot(
///     of: bytes, sourceId: "hexi-report", url: url, contentType: response.header("Content-Type"))
/// ```
public struct DocumentReader: Sendable {
    /// The year a document speaks for when its text does not say.
    public var year: Int?
    /// Restore the reading order of columns read across.
    public var layout = true

    public init(year: Int? = nil, layout: Bool = true) {
        self.year = year
        self.layout = layout
    }

    /// Reads and parses `bytes`; warnings from intake are returned alongside.
    public func read(_ bytes: [UInt8], contentType: String? = nil, charset: Charset? = nil)
        throws -> (document: IntakeDocument, result: ParseResult)
    {
        let document = try Intake.read(bytes, contentType: contentType, charset: charset)
        let parser = BulletinParser(options: .init(year: year, title: document.title, layout: layout))
        return (document, try parser.parse(text: document.text))
    }

    /// The first line of a plain-text document when it reads as a title ("河西市2024年政府工作报告"):
    /// short, and not a sentence.
    static func headline(_ text: String) -> String? {
        guard
            let line = text.split(whereSeparator: \.isNewline).lazy
                .map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty })
        else { return nil }
        let sentence = line.contains { "。；;，,：:".contains($0) }
        return line.count <= 40 && !sentence ? line : nil
    }

    /// A snapshot of `bytes` from `url` for source `sourceId`.
    public func snapshot(
        of bytes: [UInt8], sourceId: String, url: String, contentType: String? = nil, charset: Charset? = nil,
        fetchedAt: Date = Date()
    ) throws -> (snapshot: Snapshot, warnings: [String]) {
        let (document, result) = try read(bytes, contentType: contentType, charset: charset)
        var snapshot = Snapshot(
            sourceId: sourceId, url: url, content: bytes, indicators: result.indicators, fetchedAt: fetchedAt)
        snapshot.contentType = document.format.rawValue
        snapshot.charset = document.charset?.rawValue
        snapshot.title = document.title ?? Self.headline(document.text)
        snapshot.documentYear = result.documentYear
        return (snapshot, document.warnings)
    }
}
