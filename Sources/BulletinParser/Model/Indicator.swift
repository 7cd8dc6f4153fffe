/// One figure a bulletin states, with the words that give it meaning.
///
/// ```swift
/// let result = try BulletinParser().parse(text: "2023年,全市地区生产总值完成1609亿元,增长5.2%。")
/// result.indicators[0].subject  // "全市地区生产总值"
/// result.indicators[1].kind     // .growth, value "5.2", unit "%"
/// ```
public struct Indicator: Sendable, Hashable, Codable {
    /// The thing measured, as written, with line-wrap white space removed.
    public var subject: String
    public var kind: IndicatorKind
    /// A decimal string as written after the sign: "1609", "-21.4", "43.97".
    public var value: String
    /// The upper end of a range ("增长5.5%—6%": value "5.5", upper "6"), else nil.
    public var upper: String?
    /// The unit as written, magnitude included: "亿元", "万人", "%", "百分点".
    public var unit: String
    /// A bound or approximation word as written (以上, 左右, 近, 突破 …), or nil.
    public var qualifier: String?
    /// The year the value belongs to, when the document says or implies it.
    public var period: String?
    public var status: IndicatorStatus
    /// The clause the figure came from, as it reads in the normalised text.
    public var text: String
    /// Offsets, in Unicode code points, of `text` in the document as given.
    public var start: Int
    public var end: Int
    /// Position (1-based) in a 分别 list, when the figure is one of several.
    public var item: Int?
    /// How sure the parser is of the reading, from 0 to 1.
    public var confidence: Double

    public init(
        subject: String, kind: IndicatorKind, value: String, upper: String? = nil, unit: String,
        qualifier: String? = nil,
        period: String? = nil, status: IndicatorStatus = .actual, text: String = "", start: Int = 0,
        end: Int = 0, item: Int? = nil, confidence: Double = 1
    ) {
        self.subject = subject
        self.kind = kind
        self.value = value
        self.upper = upper
        self.unit = unit
        self.qualifier = qualifier
        self.period = period
        self.status = status
        self.text = text
        self.start = start
        self.end = end
        self.item = item
        self.confidence = confidence
    }
}

/// What a figure measures.
public enum IndicatorKind: String, Sendable, Codable, CaseIterable {
    /// An amount or a count: 1609 亿元, 612 个.
    case level
    /// A rate of change in per cent, signed: 增长 5.2% → 5.2, 下降 21.4% → -21.4.
    case growth
    /// A rate, ratio or proportion: 比重, 占比, …率.
    case share
    /// An absolute difference: 增加 58.6 亿元, 提高 1.2 个百分点.
    case change
}

/// Whether a figure reports what happened, sets a goal, or guesses.
public enum IndicatorStatus: String, Sendable, Codable, CaseIterable {
    case actual
    case target
    case estimate
}
