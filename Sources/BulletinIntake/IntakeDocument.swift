/// A document as bulletind reads it: its text and what the page says about itself.
public struct IntakeDocument: Sendable, Equatable {
    /// The readable text, one block (paragraph, heading, table row) a line.
    public var text: String
    public var format: DocumentFormat
    /// The page's title (<title>), which often names the year and the genre.
    public var title: String?
    /// The publication date the page shows (发布时间), as YYYY-MM-DD.
    public var published: String?
    /// The charset the bytes were read in, and what decided it.
    public var charset: Charset?
    /// What went wrong without stopping the read: replaced bytes, skipped parts.
    public var warnings: [String]

    public init(
        text: String, format: DocumentFormat, title: String? = nil, published: String? = nil, charset: Charset? = nil,
        warnings: [String] = []
    ) {
        self.text = text
        self.format = format
        self.title = title
        self.published = published
        self.charset = charset
        self.warnings = warnings
    }
}
