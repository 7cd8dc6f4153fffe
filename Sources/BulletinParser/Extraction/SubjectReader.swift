/// Finds the thing a figure measures: before it ("固定资产投资增长24.3%"), carried from the clause
/// before ("完成1609亿元,增长5.2%"), or after a measure word ("60%的行政嘎查村", "9个旗县市区").
enum SubjectReader {
    /// The start of the subject that ends at `end`: back to the clause's start, never past `bound`.
    ///
    /// A 、 ends the clause only when a figure stands before it ("改造危房626户、户厕8419个");
    /// in "中小学、幼儿园5所" it joins the parts of one subject.
    static func start(in s: [Unicode.Scalar], endingAt end: Int, bound: Int, maxLength: Int = 40) -> Int {
        var b = end
        while b > bound, end - b < maxLength {
            let c = s[b - 1]
            if c.isClauseEnd { break }
            if c == "、", segmentHasDigit(s, before: b - 1, bound: bound) { break }
            b -= 1
        }
        return b
    }

    private static func segmentHasDigit(_ s: [Unicode.Scalar], before index: Int, bound: Int) -> Bool {
        var k = index - 1
        while k >= bound, !s[k].isClauseEnd {
            if s[k].isASCIIDigit { return true }
            k -= 1
        }
        return false
    }

    /// The subject written in `s[range]`, tidied: no spaces, no lead-in words, no quotes at its ends.
    static func clean(_ s: [Unicode.Scalar], _ range: Range<Int>) -> [Unicode.Scalar] {
        var a = s[range].filter { !$0.isInlineSpace && $0 != "\n" }
        var changed = true
        while changed && !a.isEmpty {
            changed = false
            if let first = a.first, first.isQuote || "(【[《、·-—".unicodeScalars.contains(first) {
                a.removeFirst()
                changed = true
                continue
            }
            if let yearEnd = leadingYear(a) {
                a.removeFirst(yearEnd)
                changed = true
                continue
            }
            if let lead = Lexicon.subjectLeadIns.longestPrefix(in: a, at: 0), lead < a.count {
                a.removeFirst(lead)
                changed = true
            }
        }
        // "人民币平均汇率为1美元兑": what follows 为 with a figure in it is an earlier figure, not the subject
        if let be = a.lastIndex(of: "为"), be > 1, a[be...].contains(where: \.isASCIIDigit) {
            a.removeSubrange(be...)
        }
        let baseOfShare = a.first == "为" && a.last == "的"  // "为预算的102.3%"
        while let last = a.last, last.isQuote || last == "的" || last == "、" || last == "(" || last == "【" {
            a.removeLast()
        }
        // "比上年年初预算增加1800亿元", "高于全国2.9个百分点": a base of comparison, not what is measured
        if let first = a.first, first == "比" || first == "较", a.count < 2 || !"重例率".unicodeScalars.contains(a[1]) {
            return []
        }
        if Lexicon.comparisonLeads.longestPrefix(in: a, at: 0) != nil { return [] }
        // "是上年的2.4倍": the base a multiple is taken of, said of the clause's subject
        if Lexicon.multipleBases.longestPrefix(in: a, at: 0) != nil { return [] }
        // "为预算的102.3%": the share of a base, said of the clause's subject
        if baseOfShare { return [] }
        return a
    }

    /// "2023年", "2023年末", "连续9年", "5年来" at the start of a subject: their length.
    private static func leadingYear(_ a: [Unicode.Scalar]) -> Int? {
        // 连续9年, 连续三年: a stretch of time, not a subject
        if a.count > 3, a[0] == "连", a[1] == "续" {
            var k = 2
            while k < a.count, a[k].isASCIIDigit || ChineseNumerals.digit(a[k]) != nil || a[k] == "十" { k += 1 }
            if k > 2, k < a.count, a[k] == "年" { return k + 1 }
        }
        guard a.count > 5, a[0].isASCIIDigit, a[1].isASCIIDigit, a[2].isASCIIDigit, a[3].isASCIIDigit, a[4] == "年"
        else { return nil }
        if a.count > 6, a[5] == "末" || a[5] == "底" { return 6 }
        return 5
    }

    /// A noun phrase right after a figure's unit: "60%的行政嘎查村实现…" → 行政嘎查村.
    static func after(_ s: [Unicode.Scalar], from index: Int, limit: Int) -> Range<Int>? {
        var j = index
        if j < limit, s[j] == "的" { j += 1 }
        if j < limit, s[j].isQuote { j += 1 }
        guard j < limit, s[j].isHan, Lexicon.afterUnitNotNoun.longestPrefix(in: s, at: j) == nil,
            Lexicon.verbStarts.longestPrefix(in: s, at: j) == nil
        else { return nil }
        let start = j
        var han = 0
        while j < limit, j - start < 14 {
            let c = s[j]
            if c.isQuote {
                j += 1
                continue
            }
            if c.isClauseEnd || c == "、" || c.isInlineSpace || !(c.isHan || c.isASCIILetter || c.isASCIIDigit) { break }
            if han >= 2, Lexicon.afterSubjectStops.longestPrefix(in: s, at: j) != nil { break }
            if c.isHan { han += 1 }
            j += 1
        }
        while j > start, s[j - 1].isQuote { j -= 1 }
        return han >= 2 ? start..<j : nil
    }

    /// The subject a clause leaves incomplete, completed from the clause before, or nil when it is whole.
    ///
    /// - "…47032万人,占全国就业人员比重为63.5%" → 城镇就业人员占全国就业人员比重 (a share of the previous subject);
    /// - "新增市场主体2.3万户,总量达到15.6万户" → 市场主体总量 (a measure noun alone);
    /// - "城镇居民人均可支配收入增长5.8%,农村居民增长7.9%" → 农村居民人均可支配收入 (a parallel head);
    /// - "R&D经费支出…,与国内生产总值之比为2.64%" → R&D经费支出与国内生产总值之比 (a ratio).
    static func complete(_ subject: [Unicode.Scalar], after previous: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        if subject.first == "占" { return previous + subject }
        // "…经费支出33278亿元,…与国内生产总值之比为2.64%": a ratio of the previous subject (与 was a lead-in)
        if subject.count > 2, subject.suffix(2).elementsEqual("之比".unicodeScalars) {
            return previous + Array("与".unicodeScalars) + subject
        }
        if Lexicon.measureNouns.contains(String(scalars: subject)) {
            var head = previous
            if let verb = Lexicon.bareVerbs.first(where: {
                head.starts(with: $0.unicodeScalars) && head.count > $0.unicodeScalars.count + 1
            }) {
                head.removeFirst(verb.unicodeScalars.count)
            }
            return head + subject
        }
        let n = subject.count
        if n >= 2, previous.count > n + 1, subject.last == previous[n - 1], Array(previous.prefix(n)) != subject,
            Lexicon.sharedMeasures.longestSuffix(in: previous, endingAt: previous.count) != nil
        {
            return subject + previous[n...]
        }
        // "国有控股企业增加值增长5.0%;股份制企业增长5.3%": another of the same kind (both …企业), the
        // measure of the clause before
        if n >= 2, let m = Lexicon.sharedMeasures.longestSuffix(in: previous, endingAt: previous.count),
            previous.count - m >= 2, subject.last == previous[previous.count - m - 1],
            Array(previous.prefix(previous.count - m)) != subject,
            !subject.contains(where: \.isASCIIDigit),
            Lexicon.sharedMeasures.longestSuffix(in: subject, endingAt: n) == nil
        {
            return subject + previous.suffix(m)
        }
        return nil
    }

    /// The subject before 由 or 从 when `subject` ends with one (and perhaps the year it counts
    /// from): "地区生产总值由", "一般公共预算收入从2019年的" → 地区生产总值, 一般公共预算收入.
    static func beforeFrom(_ subject: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        guard let from = subject.lastIndex(where: { $0 == "由" || $0 == "从" }), from >= 2 else { return nil }
        var rest = Array(subject[(from + 1)...])
        while let last = rest.last, last == "的" || last == "末" || last == "底" { rest.removeLast() }
        if rest.last == "年" { rest.removeLast() }
        guard rest.allSatisfy(\.isASCIIDigit), rest.isEmpty || rest.count == 4 else { return nil }
        return Array(subject[..<from])
    }

    /// Splits a 分别 subject into as many parts as there are figures, or returns nil.
    ///
    /// "城乡居民人均可支配收入" → 城镇居民…, 农村居民…; "基本养老、基本医疗保险参保率" → 基本养老保险参保率,
    /// 基本医疗保险参保率; "第一、二、三产业增加值" → 第一产业增加值, 第二…, 第三….
    static func split(_ subject: [Unicode.Scalar], into count: Int) -> [String]? {
        guard count >= 2 else { return nil }
        let text = String(scalars: subject)
        if count == 2, text.hasPrefix("城乡") {
            let rest = String(text.dropFirst(2))
            let noun = rest.hasPrefix("居民") || rest.hasPrefix("低保") || rest.hasPrefix("最低") ? rest : rest
            return ["城镇" + noun, "农村" + noun]
        }
        var parts: [[Unicode.Scalar]] = [[]]
        var i = 0
        while i < subject.count {
            let c = subject[i]
            if c == "、" || c == "和" || c == "及" || c == "与" {
                parts.append([])
            } else {
                parts[parts.count - 1].append(c)
            }
            i += 1
        }
        parts = parts.filter { !$0.isEmpty }
        guard parts.count == count, let last = parts.last else { return nil }
        // 第一、二、三产业: the ordinal prefix and the noun after the last numeral are shared
        if parts[0].first == "第", parts.dropFirst().dropLast().allSatisfy({ $0.count == 1 }), last.count > 1 {
            let tail = Array(last.dropFirst())
            return parts.enumerated().map { index, part in
                let numeral = index == 0 ? Array(part.dropFirst()) : [part[0]]
                return "第" + String(scalars: numeral + tail)
            }
        }
        // 基本养老、基本医疗保险参保率: the noun after the last part's own name is shared
        if let tail = sharedTail(last, head: parts[0].count),
            parts.dropLast().allSatisfy({ $0.count == parts[0].count })
        {
            return parts.dropLast().map { String(scalars: $0 + tail) }
                + [String(scalars: last)]
        }
        return parts.map { String(scalars: $0) }
    }

    /// The tail of `last` past its own name, when that tail is a known measure or starts with a word:
    /// the name is about as long as the other parts ("城镇、农村居民人均可支配收入" → 居民人均可支配收入,
    /// "工业、服务业增加值" → 增加值).
    private static func sharedTail(_ last: [Unicode.Scalar], head: Int) -> [Unicode.Scalar]? {
        for cut in [head, head + 1, head - 1] where cut >= 1 && last.count > cut + 1 {
            let tail = Array(last[cut...])
            if Lexicon.sharedMeasures.longestPrefix(in: tail, at: 0) != nil { return tail }
            // a short name, and a tail that starts with a word of two or more characters
            if head <= 4, (2...min(4, tail.count)).contains(where: { Vocabulary.contains(tail, 0..<$0) }) {
                return tail
            }
        }
        return nil
    }
}
