/// The rules that read a figure: its kind and sign, and the figures that are no indicator at all.
extension IndicatorExtractor {
    /// Whether the text at `i` begins with a word of two or more characters or a quoted name.
    static func startsCleanly(_ s: [Unicode.Scalar], at i: Int, end: Int) -> Bool {
        guard i < end else { return false }
        if s[i].isQuote { return true }
        guard end - i >= 3 else { return false }
        for length in stride(from: min(4, end - i), through: 2, by: -1)
        where Vocabulary.contains(s, i..<(i + length)) {
            return true
        }
        return false
    }

    /// The digits with the sign the verb gives them: 下降 -1.2 stays -1.2 (the text says it is negative).
    static func signed(_ digits: String, _ sign: Int) -> String {
        guard sign < 0 else { return digits }
        return digits.hasPrefix("-") ? digits : "-" + digits
    }

    /// Whether the digit at `k` is the tail of a number that starts earlier ("1.5", "1,210").
    /// Whether a verb of becoming follows `end`: "…亿元增加到", "…万人减少至".
    static func leadsOn(_ s: [Unicode.Scalar], after end: Int) -> Bool {
        var p = end
        while p < s.count, s[p].isInlineSpace { p += 1 }
        return p < s.count && Lexicon.changeToVerbs.longestPrefix(in: s, at: p) != nil
    }

    static func continuesNumber(_ s: [Unicode.Scalar], at k: Int) -> Bool {
        guard k > 0 else { return false }
        let p = s[k - 1]
        if p.isASCIIDigit { return true }
        return (p == "." || p == ",") && k > 1 && s[k - 2].isASCIIDigit
    }

    /// "1美元兑7.05元人民币": the amount before 兑 is the base of a rate, not a figure.
    static func isExchangeBase(_ m: Mention, in s: [Unicode.Scalar]) -> Bool {
        m.end < s.count && s[m.end] == "兑"
    }

    /// "亿元以上项目", "1200万元以上项目": a bound before a noun describes the noun; it is no figure.
    static func isThreshold(_ m: Mention, in s: [Unicode.Scalar]) -> Bool {
        guard let q = m.qualifier, q == "以上" || q == "以下", m.end < s.count else { return false }
        // "10个以上项目" counts projects (at least ten); "亿元以上项目" describes them by size
        if Lexicon.classifiers.contains(m.baseUnit) { return false }
        return s[m.end].isHan && Lexicon.afterUnitNotNoun.longestPrefix(in: s, at: m.end) == nil
    }

    /// What a figure measures, and its sign, from its unit, the verb before it and its subject.
    static func kind(of m: Mention, zone: PredicateZone, subject: [Unicode.Scalar]) -> (kind: IndicatorKind, sign: Int)
    {
        let moves = zone.direction != 0 && !zone.reachesLevel
        switch m.baseUnit {
        case "%", "‰":
            if moves { return (.growth, zone.direction) }
            // the longer noun decides: 自然增长率 is a rate, 增长率 a growth
            let share = Lexicon.shareNouns.longestSuffix(in: subject, endingAt: subject.count) ?? 0
            let growth = Lexicon.growthNouns.longestSuffix(in: subject, endingAt: subject.count) ?? 0
            let fall = Lexicon.fallNouns.longestSuffix(in: subject, endingAt: subject.count) ?? 0
            if growth > share && growth >= fall { return (.growth, 1) }
            if fall > share { return (.growth, -1) }
            return (.share, 1)
        case "百分点":
            // "净出口向下拉动国内生产总值0.6个百分点": the verb stands before its object
            let dragged = String(scalars: subject).contains("向下拉动")
            return (.change, zone.direction < 0 || dragged ? -1 : 1)
        case "倍":
            return moves && zone.direction > 0 ? (.growth, 1) : (.level, 1)
        default:
            return moves ? (.change, zone.direction) : (.level, 1)
        }
    }
}
