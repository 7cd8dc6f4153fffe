/// What the parser found in one document.
public struct ParseResult: Sendable {
    public var indicators: [Indicator]
    /// The year the document reports on or plans for (a 2024 work report: 2024).
    public var documentYear: Int?
    public var documentKind: DocumentKind

    public init(indicators: [Indicator], documentYear: Int?, documentKind: DocumentKind) {
        self.indicators = indicators
        self.documentYear = documentYear
        self.documentKind = documentKind
    }
}

/// The genre of a document, which decides how years map to actual and target.
public enum DocumentKind: String, Sendable, Codable {
    /// 政府工作报告: reviews last year (actual), sets this year's targets.
    case workReport = "work-report"
    /// 统计公报 and other statistical releases: figures of the year reported.
    case statisticalBulletin = "statistical-bulletin"
    case other
}
