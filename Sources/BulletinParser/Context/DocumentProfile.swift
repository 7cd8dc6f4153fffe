/// What kind of document this is and which year it speaks for, read before extraction.
///
/// A 政府工作报告 delivered in 2024 reviews 2023 (actual) and sets 2024's targets; a 2023
/// 统计公报 reports 2023. The year comes from the title line when there is one, else from
/// phrases such as "2024年是…关键一年", else from the years the text mentions most.
public struct DocumentProfile: Sendable, Equatable {
    public var kind: DocumentKind
    /// The year the document speaks for: a work report's year, a bulletin's year.
    public var year: Int?

    /// Years a report can speak for; anything else is a name or a typo.
    static let plausibleYears = 1949...2100

    /// Reads the profile from the document's text.
    /// - Parameters:
    ///   - title: a title from the document's metadata (an HTML <title>), when known.
    ///   - yearOverride: the year to use when the caller knows better (`--year`).
    init(text source: [Unicode.Scalar], title: String? = nil, yearOverride: Int? = nil) {
        let mentions = Self.yearMentions(in: source)
        let head = String(scalars: source.prefix(4000))
        let whole = title.map { $0 + "\n" } ?? ""
        let kind = Self.classify(titleAndHead: whole + head, mentions: mentions, source: source)
        self.kind = kind
        if let yearOverride {
            self.year = yearOverride
            return
        }
        let titleYear = Self.titleYear(whole + head)
        var counts: [Int: Int] = [:]
        for m in mentions where !m.isHorizon && !m.isComparison { counts[m.year, default: 0] += 1 }
        let mostFrequent = counts.max { a, b in a.value == b.value ? a.key < b.key : a.value < b.value }?.key
        switch kind {
        case .workReport:
            let opening = mentions.filter(\.opensSentenceWithShi).map(\.year).max()
            let headings = Self.headingYear(source, mentions)
            let latest = counts.keys.max()
            let fallback = latest.flatMap { l in mostFrequent.map { l - $0 <= 1 ? max(l, $0 + 1) : $0 + 1 } }
            self.year = titleYear ?? headings ?? opening ?? fallback
        case .statisticalBulletin, .other:
            self.year = titleYear ?? mostFrequent
        }
    }

    struct YearMention {
        var year: Int
        var offset: Int
        /// "2024年是" — how work reports open the year they plan for.
        var opensSentenceWithShi: Bool
        /// "到2035年": a horizon, not the report's year.
        var isHorizon: Bool
        /// "比2020年", "2020年以来": a base of comparison.
        var isComparison: Bool
    }

    /// Every "YYYY年" in the text, with ASCII or full-width digits.
    static func yearMentions(in s: [Unicode.Scalar]) -> [YearMention] {
        var result: [YearMention] = []
        var i = 0
        let n = s.count
        while i + 4 < n {
            guard digitValue(s[i]) != nil, i == 0 || digitValue(s[i - 1]) == nil else {
                i += 1
                continue
            }
            var year = 0
            var ok = true
            for k in 0..<4 {
                guard let d = digitValue(s[i + k]) else {
                    ok = false
                    break
                }
                year = year * 10 + d
            }
            if ok, s[i + 4] == "年", plausibleYears.contains(year) {
                let after = i + 5 < n ? s[i + 5] : " "
                let before = i > 0 ? s[i - 1] : " "
                let twoAfter = i + 6 < n ? s[i + 6] : " "
                result.append(
                    YearMention(
                        year: year, offset: i, opensSentenceWithShi: after == "是",
                        isHorizon: before == "到" || before == "至" || (after == "前"),
                        isComparison: before == "比" || before == "较" || before == "于" || before == "自"
                            || before == "从" || (after == "以" && twoAfter == "来") || after == "来"))
            }
            i += 4
        }
        return result
    }

    @inline(__always) static func digitValue(_ c: Unicode.Scalar) -> Int? {
        if c.isASCIIDigit { return Int(c.value - 0x30) }
        if c.value >= 0xFF10 && c.value <= 0xFF19 { return Int(c.value - 0xFF10) }
        return nil
    }

    /// The year next to 政府工作报告 or 统计公报 near the top: "2023年国民经济和社会发展统计公报".
    static func titleYear(_ head: String) -> Int? {
        let s = Array(head.unicodeScalars.prefix(1200))
        for marker in ["政府工作报告", "统计公报", "统计年鉴", "经济运行情况"] {
            guard let at = offset(of: Array(marker.unicodeScalars), in: s) else { continue }
            let window = Array(s[max(0, at - 60)..<at])
            if let last = yearMentions(in: window).last { return last.year }
        }
        return nil
    }

    private static let reviewHeadings = WordSet(["工作回顾"])
    private static let planHeadings = WordSet(["总体要求", "预期目标", "工作安排", "工作任务", "重点工作", "政策取向"])

    /// "2023年工作回顾" speaks in 2024; "2024年经济社会发展总体要求" and "2024年政府工作任务" in 2024.
    static func headingYear(_ s: [Unicode.Scalar], _ mentions: [YearMention]) -> Int? {
        var best: Int? = nil
        for m in mentions where !m.isHorizon && !m.isComparison {
            let window = (m.offset + 5)..<min(s.count, m.offset + 30)
            guard !window.isEmpty else { continue }
            let end = s[window].firstIndex(where: { $0.isSentenceEnd || $0 == "," || $0 == "，" }) ?? window.upperBound
            let range = window.lowerBound..<end
            if reviewHeadings.occurs(in: s, range) { best = max(best ?? 0, m.year + 1) }
            if planHeadings.occurs(in: s, range) { best = max(best ?? 0, m.year) }
        }
        return best
    }

    static func offset(of word: [Unicode.Scalar], in s: [Unicode.Scalar]) -> Int? {
        guard word.count <= s.count else { return nil }
        for i in 0...(s.count - word.count) where s.matches(word, at: i) { return i }
        return nil
    }

    private static let reportCues = [
        "政府工作报告", "各位代表", "工作回顾", "预期目标", "政府工作", "今年工作", "工作安排", "关键一年", "力争",
        "确保", "年内", "过去一年", "主要任务", "总体要求",
    ]
    private static let bulletinCues = ["统计公报", "比上年增长", "比上年下降", "规模以上", "年末", "初步核算", "同比增长"]

    static func classify(titleAndHead: String, mentions: [YearMention], source: [Unicode.Scalar]) -> DocumentKind {
        if titleAndHead.contains("统计公报") { return .statisticalBulletin }
        if titleAndHead.contains("政府工作报告") || titleAndHead.contains("各位代表") { return .workReport }
        let sample = String(scalars: source.prefix(200_000))
        let report =
            reportCues.reduce(0) { $0 + (sample.contains($1) ? 1 : 0) }
            + (mentions.contains(where: \.opensSentenceWithShi) ? 1 : 0)
        let bulletin = bulletinCues.reduce(0) { $0 + (sample.contains($1) ? 1 : 0) }
        if report >= 3 && report >= bulletin { return .workReport }
        if bulletin >= 2 { return .statisticalBulletin }
        if report >= 2 { return .workReport }
        return .other
    }
}
