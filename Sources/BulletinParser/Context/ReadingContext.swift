/// Carries, sentence by sentence, whether the text reviews (actual) or plans (target), and which year.
///
/// A sentence says it outright ("2023年,…", "力争…", "预计…") or inherits the mode of the sentences
/// before it, the way a reader of a work report knows that a bare "新建5G基站1200个" in the plan part
/// is a target. Strong cues (a year opening the sentence, 工作回顾, 年内, 力争, 确保) switch the mode for
/// what follows; weak ones (计划, 预计, 荣获, 比上年) only colour their own sentence.
struct ReadingContext: Sendable {
    let profile: DocumentProfile
    private(set) var mode: IndicatorStatus = .actual
    private var modeYear: Int?
    /// The status of a list of targets whose items are set off by ；("目标是:…增长5.5%左右;…增长5%;…"),
    /// while the list goes on.
    private var listStatus: IndicatorStatus?

    init(profile: DocumentProfile) {
        self.profile = profile
    }

    struct Reading: Sendable, Equatable {
        var status: IndicatorStatus
        var period: String?
    }

    /// Reads the cues of the sentence `s[range]`, updates the carried mode, and says how to read its figures.
    mutating func read(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Reading {
        let isReport = profile.kind == .workReport
        var status: IndicatorStatus? = nil
        var period: Int? = nil
        let years = DocumentProfile.yearMentions(in: Array(s[range])).filter { !$0.isComparison }
        if let first = years.first {
            var yearStatus: IndicatorStatus = .actual
            if first.isHorizon {
                yearStatus = .target
            } else if isReport, let documentYear = profile.year {
                yearStatus = first.year >= documentYear ? .target : .actual
            }
            if first.offset <= 4 {
                mode = yearStatus
                modeYear = first.year
            }
            status = yearStatus
            period = first.year
        }
        let cues = Cue(rawValue: Lexicon.cues.tags(in: s, range))
        // "2024年主要预期目标是:…": a year opening a list of targets does not make them actuals
        if !isReport, profile.kind != .statisticalBulletin, status == .actual, cues.contains(.targetMode),
            period.map({ year in profile.year.map { year >= $0 } ?? true }) ?? false
        {
            status = .target
        }
        if status == nil, let listStatus { status = listStatus }
        if profile.kind != .statisticalBulletin {
            if cues.contains(.actualMode) {
                mode = .actual
                modeYear = nil
                status = status ?? .actual
            } else if cues.contains(.targetMode) {
                if status != .actual {
                    mode = .target
                    modeYear = period
                    status = .target
                }
            }
        }
        if status == nil {
            if cues.contains(.target) {
                status = .target
            } else if mode == .target, cues.contains(.actual) {
                status = .actual
            }
        }
        var final = status ?? mode
        if final != .target, cues.contains(.estimate) { final = .estimate }
        // A list of targets goes on past a ；, and ends with its sentence.
        let last = range.isEmpty ? " " : s[range.upperBound - 1]
        if last == "；" || last == ";" {
            if listStatus == nil, final == .target, cues.contains(.target),
                s[range].contains(where: { $0 == "：" || $0 == ":" })
            {
                listStatus = .target
            }
        } else {
            listStatus = nil
        }
        let year = period ?? modeYear ?? defaultYear(for: final == .estimate ? mode : final)
        return Reading(status: final, period: year.map(String.init))
    }

    private func defaultYear(for status: IndicatorStatus) -> Int? {
        guard let year = profile.year else { return nil }
        guard profile.kind == .workReport else { return year }
        return status == .target ? year : year - 1
    }
}
