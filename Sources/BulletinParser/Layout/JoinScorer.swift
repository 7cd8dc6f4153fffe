/// How plausibly one fragment of text continues into another.
///
/// Evidence, strongest first: a number that goes on ("就业1" + "万人以上"), a qualifier or a word of
/// bulletins that spans the join ("突" + "破", "可支配" + "收入"), the pair of characters being common
/// elsewhere in the same document, and a clause that goes on to its punctuation.
struct JoinScorer {
    /// Counts of adjacent ideograph pairs in the document, read where no column boundary can be.
    let bigrams: KeyTable

    /// Counts the ideograph pairs of `source`, skipping pairs across white space; the first 500,000
    /// characters are plenty for the statistics, and a long document should not pay for all of it.
    static func documentBigrams(_ source: [Unicode.Scalar]) -> KeyTable {
        var counts = KeyTable(capacity: 256)
        var i = 1
        while i < min(source.count, 500_000) {
            let a = source[i - 1]
            let b = source[i]
            if a.isHan && b.isHan { counts.add(key(a, b)) }
            i += 1
        }
        return counts
    }

    @inline(__always) static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 {
        UInt64(a.value) << 32 | UInt64(b.value)
    }

    /// The evidence that `s[left]` is followed by `s[right]` in the text as written: positive when
    /// the two read on, negative when the join leaves a number without its unit or a unit without its number.
    func score(_ s: [Unicode.Scalar], _ left: Range<Int>, _ right: Range<Int>) -> Double {
        guard let l = left.last, let r = right.first else { return 0 }
        let x = s[l]
        let y = s[r]
        let startsNumber = y.isASCIIDigit || (y == "." && r + 1 < right.upperBound && s[r + 1].isASCIIDigit)
        if (x.isASCIIDigit || x == ".") && startsNumber {
            // the number runs on only if the two halves make one number: "3286." + "5亿元", not "3286." + ".2"
            return Self.decimalPoints(s, endingAt: l, from: left.lowerBound)
                + Self.decimalPoints(s, startingAt: r, upTo: right.upperBound) <= 1 ? 4 : -3
        }
        var total = 0.0
        let endsInNumber =
            x.isASCIIDigit || ((x == "万" || x == "亿" || x == "千") && l > left.lowerBound && s[l - 1].isASCIIDigit)
        let endsWithFigure =
            !endsInNumber && (x.isHan || x == "%" || x == "‰" || x.isASCIILetter) && Self.endsWithFigure(s, left)
        let spans = spansWord(s, left, right)
        if endsInNumber {
            let unitFollows =
                Lexicon.units.longestPrefix(in: s, at: r) != nil
                || Lexicon.magnitudes.longestPrefix(in: s, at: r) != nil
                || Lexicon.postQualifiers.longestPrefix(in: s, at: r) != nil
                || Lexicon.midQualifiers.longestPrefix(in: s, at: r) != nil
            // a number goes on to its unit, or ends at punctuation; "在4“小巨人”" is cut from elsewhere
            total += unitFollows ? 4 : (Self.isPunctuation(y) ? 0 : -2)
        } else if endsWithFigure {
            // a figure with its unit goes on to a qualifier, the next item of a list or punctuation
            // ("3.1%和下降2.4%", "5%以上,"), seldom straight to a noun ("3.1%城镇")
            if Lexicon.postQualifiers.longestPrefix(in: s, at: r) != nil || Self.isListJoiner(y) {
                total += 1
            } else if y.isHan {
                total -= 1
            }
        } else if !spans && Self.startsWithUnit(s, at: r, limit: right.upperBound) {
            total -= 2  // "个百分点" or "%" with no number before it
        } else if y == "." && startsNumber {
            total -= 3  // ".4亿元" cut from its digits
        }
        // every base ends with one of these
        let comparison =
            (x == "年" || x == "末" || x == "初" || x == "比" || x == "月") && Self.endsWithComparisonBase(s, left)
        if startsNumber, !comparison, Self.endsWithPredicate(s, left) { total += 2.5 }  // 增长 | 5.2%
        // the longest verb of change that starts the right side
        let verb =
            y.isHan
            ? max(
                Lexicon.increaseVerbs.longestPrefix(in: s, at: r) ?? 0,
                Lexicon.decreaseVerbs.longestPrefix(in: s, at: r) ?? 0)
            : 0
        if comparison {
            // 比上年 | 增长: a comparison goes on to its verb, never straight to a figure
            total += startsNumber ? -2 : (verb >= 1 ? 1.5 : 0)
        }
        if x == "," || x == "，" || endsWithFigure,
            y == "比" || y == "较" || y == "同" || y == "环", Self.startsWithComparisonBase(s, right)
        {
            total += 1  // 312.6万人, | 比上年末减少
        }
        if x.isHan, Lexicon.predicates.longestPrefix(in: s, at: r).map({ $0 >= 2 }) ?? false { total += 1 }
        if x.isHan, verb >= 2 {
            total += 1  // 城镇化率 | 达到, 收入 | 增长
        }
        if spans {
            total += 2
        } else if x.isHan && y.isHan {
            // A join at a word boundary reads naturally; a fragment that starts in the middle of a
            // word ("售总额": 售总 no word, 总额 one) was cut from something else.
            let leftWord = left.count >= 2 && Self.isWord(s, (l - 1)..<(l + 1))
            let rightWord = right.count >= 2 && Self.isWord(s, r..<(r + 2))
            let rightMidWord = !rightWord && right.count >= 3 && Self.isWord(s, (r + 1)..<(r + 3))
            if leftWord && rightWord { total += 0.5 }
            if rightMidWord { total -= 0.5 }
        }
        if x.isHan && y.isHan, case let count = bigrams.count(of: Self.key(x, y)), count > 0 {
            total += min(2, 0.75 + 0.5 * Double(count).squareRoot())
        }
        if Self.isClauseStop(y) && !x.isClauseEnd && x != "、" && x != "。" { total += 0.5 }
        // two stops in a row ("。," "、%") are never written
        if Self.isStop(x) && (Self.isStop(y) || y == "%") { total -= 2 }
        return total
    }

    private static func isListJoiner(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "和", "及", "与", "、": return true
        default: return false
        }
    }

    /// A stop inside or at the end of a clause: ，,。、；;
    private static func isClauseStop(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "，", ",", "。", "、", "；", ";": return true
        default: return false
        }
    }

    /// A clause stop or a colon.
    private static func isStop(_ c: Unicode.Scalar) -> Bool {
        isClauseStop(c) || c == "：" || c == ":"
    }

    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "）", ")", "”", "！", "？": return true
        default: return isStop(c)
        }
    }

    /// Whether `left` ends with a number and its unit: "3.1%", "40亿斤", "1.2个百分点".
    static func endsWithFigure(_ s: [Unicode.Scalar], _ left: Range<Int>) -> Bool {
        guard let n = Lexicon.units.longestSuffix(in: s, endingAt: left.upperBound) else { return false }
        var k = left.upperBound - n - 1
        if k >= left.lowerBound, let m = Lexicon.magnitudes.longestSuffix(in: s, endingAt: k + 1) { k -= m }
        return k >= left.lowerBound && s[k].isASCIIDigit
    }

    /// Decimal points in the number that ends at `l` (inclusive).
    static func decimalPoints(_ s: [Unicode.Scalar], endingAt l: Int, from start: Int) -> Int {
        var k = l
        var points = 0
        while k >= start, s[k].isASCIIDigit || s[k] == "." {
            if s[k] == "." { points += 1 }
            k -= 1
        }
        return points
    }

    /// Decimal points in the number that starts at `r`.
    static func decimalPoints(_ s: [Unicode.Scalar], startingAt r: Int, upTo end: Int) -> Int {
        var k = r
        var points = 0
        while k < end, s[k].isASCIIDigit || s[k] == "." {
            if s[k] == "." { points += 1 }
            k += 1
        }
        return points
    }

    /// A unit that only follows a number: %, ‰, 个百分点, or a magnitude with its unit (万人, 亿元).
    static func startsWithUnit(_ s: [Unicode.Scalar], at r: Int, limit: Int) -> Bool {
        let y = s[r]
        if y == "%" || y == "‰" { return true }
        if let u = Lexicon.units.longestPrefix(in: s, at: r), u >= 2, r + u <= limit { return true }
        if let m = Lexicon.magnitudes.longestPrefix(in: s, at: r), Lexicon.units.longestPrefix(in: s, at: r + m) != nil
        {
            return true
        }
        return false
    }

    /// Whether `left` ends with a verb that a figure follows: 增长, 达到, 为, 完成 ….
    static func endsWithPredicate(_ s: [Unicode.Scalar], _ left: Range<Int>) -> Bool {
        let end = left.upperBound
        func ends(_ set: WordSet) -> Bool {
            guard let n = set.longestSuffix(in: s, endingAt: end) else { return false }
            return end - n >= left.lowerBound
        }
        return ends(Lexicon.increaseVerbs) || ends(Lexicon.decreaseVerbs) || ends(Lexicon.predicates)
            || ends(Lexicon.preQualifiers)
    }

    /// The bases a change is measured from: 比上年, 比上年末, 比年初, 同比 ….
    static let comparisonBases: [[Unicode.Scalar]] = ["比上年", "比上年末", "比年初", "比去年", "较上年", "同比", "比上月", "环比"]
        .map { Array($0.unicodeScalars) }

    /// Whether `left` ends with a comparison base.
    static func endsWithComparisonBase(_ s: [Unicode.Scalar], _ left: Range<Int>) -> Bool {
        comparisonBases.contains { base in
            left.count >= base.count && s[(left.upperBound - base.count)..<left.upperBound].elementsEqual(base)
        }
    }

    /// Whether `right` starts with a comparison base.
    static func startsWithComparisonBase(_ s: [Unicode.Scalar], _ right: Range<Int>) -> Bool {
        comparisonBases.contains { base in
            right.count >= base.count && s[right.lowerBound..<(right.lowerBound + base.count)].elementsEqual(base)
        }
    }

    static func isWord(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        Vocabulary.contains(s, range)
    }

    /// Whether a word of bulletins starts in `left` and ends in `right`.
    private func spansWord(_ s: [Unicode.Scalar], _ left: Range<Int>, _ right: Range<Int>) -> Bool {
        guard let l = left.last, let r = right.first, Vocabulary.hasPair(s[l], s[r]) else { return false }
        for a in 1...min(3, left.count) {
            var key = Vocabulary.key(s[(left.upperBound - a)..<left.upperBound])
            for b in 0..<min(3, right.count) {
                key = Vocabulary.extend(key, with: s[right.lowerBound + b])
                if Vocabulary.keys.contains(key) { return true }
            }
        }
        return false
    }
}
