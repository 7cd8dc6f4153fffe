/// The words between a subject and its number: "比上年增长", "分别达到", "突破", "提高到".
struct PredicateZone: Sendable {
    /// Where the zone starts: the subject ends here.
    var start: Int
    /// +1 for 增长/提高, -1 for 下降/减少, 0 when no direction is written.
    var direction: Int = 0
    /// 提高到, 降至: the number is the level reached, not the change.
    var reachesLevel = false
    var qualifier: String?
    /// 分别 or 依次: the figures that follow belong, in order, to the parts of the subject.
    var respectively = false

    private static let comparisonEndings = WordSet([
        "同比", "上年", "去年", "年初", "同期", "比", "较", "平均", "水平", "全国", "全省", "全区", "全市",
    ])
    private static let respectivelyWords: Set<String> = ["分别", "依次", "分别为", "分别达到", "分别达", "同比分别"]

    /// Reads the zone backwards from `numberStart`, never past `bound`.
    init(_ s: [Unicode.Scalar], before numberStart: Int, bound: Int) {
        var p = numberStart
        var sawTo = false
        func skipSpaces() { while p > bound, s[p - 1].isInlineSpace { p -= 1 } }
        skipSpaces()
        for _ in 0..<8 {
            let q = Lexicon.preQualifiers.longestSuffix(in: s, endingAt: p) ?? 0
            var up = Lexicon.increaseVerbs.longestSuffix(in: s, endingAt: p) ?? 0
            var down = Lexicon.decreaseVerbs.longestSuffix(in: s, endingAt: p) ?? 0
            let other = Lexicon.predicates.longestSuffix(in: s, endingAt: p) ?? 0
            // 增, 降, 多, 高 alone are verbs only after a comparison (同比增6%, 比上年高1.2个百分点)
            // or before 到/至; in 新增 they belong to the subject.
            let singleIsVerb = sawTo || Self.comparisonEndings.longestSuffix(in: s, endingAt: p - 1) != nil
            if up == 1 && !singleIsVerb { up = 0 }
            if down == 1 && !singleIsVerb { down = 0 }
            let best = max(q, up, down, other)
            guard best > 0, p - best >= bound else { break }
            if best == up || best == down {
                if direction == 0 {
                    direction = best == up ? 1 : -1
                    reachesLevel = sawTo
                }
            } else if best == q {
                if qualifier == nil { qualifier = Lexicon.canonicalPreQualifier(s.string((p - q)..<p)) }
            } else {
                let word = s.string((p - other)..<p)
                if word == "到" || word == "至" { sawTo = true }
                if Self.respectivelyWords.contains(word) { respectively = true }
                if word == "各" {
                    // "草原巩固提升各150万亩": what stands before 各 names the parts, verbs included
                    p -= best
                    break
                }
            }
            p -= best
            skipSpaces()
        }
        start = p
    }
}
