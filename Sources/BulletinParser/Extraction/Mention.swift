/// A number in the text with what is written right around it: magnitude, unit, qualifiers.
struct Mention: Sendable {
    /// Where the digits are.
    var numberRange: Range<Int>
    /// The digits as written, separators removed: "1210207", "43.97".
    var digits: String
    /// The upper end of a range: "5.5%—6%", "5.5—6%", "5.5%至6%".
    var upper: String?
    /// Magnitude and unit as written: "亿元", "万户", "%"; empty when the text gives none.
    var unit: String
    /// The unit without its magnitude: "元", "户", "%".
    var baseUnit: String
    /// A bound or approximation word written before or after the number.
    var qualifier: String?
    /// Where the figure ends: after its unit and any trailing qualifier.
    var end: Int

    var hasUnit: Bool { !unit.isEmpty }
}

/// Finds and reads numbers, refusing those that are names, dates or ordinals.
enum MentionScanner {
    /// Reads the number that starts at `i`, if it is a quantity.
    /// - Parameter requireUnit: when false, a bare number is returned with an empty unit
    ///   (the first items of "分别提高0.9、5.9个百分点" have none).
    static func read(_ s: [Unicode.Scalar], at i: Int, limit: Int, requireUnit: Bool = true) -> Mention? {
        guard i < limit, s[i].isASCIIDigit else { return nil }
        var j = i
        while j < limit, s[j].isASCIIDigit || (s[j] == "." && j + 1 < limit && s[j + 1].isASCIIDigit) { j += 1 }
        // "5.5—6%": a range whose unit is written once, at its end
        if j + 1 < limit, isRangeConnector(s[j]), s[j + 1].isASCIIDigit {
            return range(low: nil, lowDigits: s.string(i..<j), from: i, connector: j, in: s, limit: limit)
        }
        guard let single = readSingle(s, at: i, limit: limit, requireUnit: requireUnit) else { return nil }
        // "5.5%—6%", "3至5万人": a range with the unit on both ends
        if single.hasUnit, single.qualifier == nil, single.end + 1 < limit, isRangeConnector(s[single.end]),
            s[single.end + 1].isASCIIDigit,
            let merged = range(
                low: single, lowDigits: single.digits, from: i, connector: single.end, in: s, limit: limit)
        {
            return merged
        }
        return single
    }

    /// The range from `lowDigits` at `from` to the figure after `connector`, when its unit agrees.
    private static func range(
        low: Mention?, lowDigits: String, from i: Int, connector: Int, in s: [Unicode.Scalar], limit: Int
    ) -> Mention? {
        guard i == 0 || !isNameBefore(s, i) || isMinusSign(s, before: i),
            var high = readSingle(s, at: connector + 1, limit: limit, requireUnit: true, allowNameBefore: true),
            low == nil || low!.unit == high.unit
        else { return nil }
        high.upper = high.digits
        high.digits = (low == nil && isMinusSign(s, before: i) ? "-" : "") + lowDigits
        high.numberRange = (low?.numberRange.lowerBound ?? i)..<high.numberRange.upperBound
        return high
    }

    private static func isRangeConnector(_ c: Unicode.Scalar) -> Bool {
        c == "-" || c == "—" || c == "–" || c == "~" || c == "至" || c == "到" || c == "\u{2212}"
    }

    private static func readSingle(
        _ s: [Unicode.Scalar], at i: Int, limit: Int, requireUnit: Bool, allowNameBefore: Bool = false
    ) -> Mention? {
        let negative = !allowNameBefore && isMinusSign(s, before: i)
        if i > 0, !negative, !allowNameBefore, isNameBefore(s, i) { return nil }
        var j = i
        var digits = String.UnicodeScalarView()
        var group = 0
        var grouped = false
        while j < limit {
            if s[j].isASCIIDigit {
                digits.append(s[j])
                group += 1
                j += 1
            } else if s[j] == ",", group >= 1, grouped ? group == 3 : group <= 3, isThousandsGroup(s, j + 1, limit) {
                grouped = true  // 1,210,207
                group = 0
                j += 1
            } else {
                break
            }
        }
        if j + 1 < limit, s[j] == ".", s[j + 1].isASCIIDigit {
            digits.append(".")
            j += 1
            while j < limit, s[j].isASCIIDigit {
                digits.append(s[j])
                j += 1
            }
            if j + 1 < limit, s[j] == ".", s[j + 1].isASCIIDigit { return nil }  // 1.2.3 is a version
        }
        let numberEnd = j
        if isNameAfter(s, numberEnd, limit: limit) { return nil }

        var k = numberEnd
        if k + 1 < limit, s[k] == " ", !s[k + 1].isInlineSpace { k += 1 }  // "2493 斤"
        var qualifier: String? = nil
        var magnitude = ""
        var base = ""
        if let u = Lexicon.units.longestPrefix(in: s, at: k), k + u <= limit, !isLetterUnitCut(s, k, u, limit) {
            base = s.string(k..<(k + u))
            k += u
        } else if let q = Lexicon.midQualifiers.longestPrefix(in: s, at: k),
            let u = Lexicon.units.longestPrefix(in: s, at: k + q), k + q + u <= limit
        {
            qualifier = s.string(k..<(k + q))
            base = s.string((k + q)..<(k + q + u))
            k += q + u
        } else if let m = magnitudeAfterQualifier(s, at: k, limit: limit) {
            // "1200多万人次": the approximation comes before the magnitude
            qualifier = s.string(k..<(k + m.qualifier))
            magnitude = s.string((k + m.qualifier)..<(k + m.qualifier + m.magnitude))
            base = s.string((k + m.qualifier + m.magnitude)..<(k + m.qualifier + m.magnitude + m.unit))
            k += m.qualifier + m.magnitude + m.unit
        } else if let m = Lexicon.magnitudes.longestPrefix(in: s, at: k), k + m <= limit {
            magnitude = s.string(k..<(k + m))
            var m2 = k + m
            if let q = Lexicon.midQualifiers.longestPrefix(in: s, at: m2),
                Lexicon.units.longestPrefix(in: s, at: m2 + q) != nil
            {
                qualifier = s.string(m2..<(m2 + q))
                m2 += q
            }
            if let u = Lexicon.units.longestPrefix(in: s, at: m2), m2 + u <= limit, !isLetterUnitCut(s, m2, u, limit) {
                base = s.string(m2..<(m2 + u))
                k = m2 + u
            } else if m2 >= limit || s[m2].isClauseEnd || s[m2] == "、"
                || Lexicon.postQualifiers.longestPrefix(in: s, at: m2) != nil
            {
                k = m2  // "常住人口287.8万。": the magnitude alone
            } else {
                return nil
            }
        } else if requireUnit {
            return nil
        } else {
            k = numberEnd
        }
        if !base.isEmpty, k + 1 < limit, s[k] == "/", let d = Lexicon.denominators.longestPrefix(in: s, at: k + 1) {
            base += "/" + s.string((k + 1)..<(k + 1 + d))  // 元/人, 公斤/亩
            k += 1 + d
        }
        if base == "个百分点" { base = "百分点" }
        if let q = Lexicon.postQualifiers.longestPrefix(in: s, at: k), k + q <= limit {
            let word = s.string(k..<(k + q))
            // 多 after a unit only when nothing else follows it as a word (3个多月 is not a bound)
            if word != "多" || (k + q >= limit || !s[k + q].isHan) {
                qualifier = qualifier ?? word
                k += q
            }
        }
        let unit = magnitude + base
        if requireUnit && unit.isEmpty { return nil }
        return Mention(
            numberRange: (negative ? i - 1 : i)..<numberEnd, digits: (negative ? "-" : "") + String(digits), upper: nil,
            unit: unit, baseUnit: base, qualifier: qualifier, end: k
        )
    }

    /// Three digits at `at`, and no fourth: the group after a thousands comma.
    private static func isThousandsGroup(_ s: [Unicode.Scalar], _ at: Int, _ limit: Int) -> Bool {
        guard at + 3 <= limit else { return false }
        for k in at..<(at + 3) where !s[k].isASCIIDigit { return false }
        return at + 3 >= limit || !s[at + 3].isASCIIDigit
    }

    /// 余 or 多, then a magnitude, then a unit: the lengths of the three, when all are there.
    private static func magnitudeAfterQualifier(
        _ s: [Unicode.Scalar], at k: Int, limit: Int
    ) -> (qualifier: Int, magnitude: Int, unit: Int)? {
        guard let q = Lexicon.midQualifiers.longestPrefix(in: s, at: k),
            let m = Lexicon.magnitudes.longestPrefix(in: s, at: k + q),
            let u = Lexicon.units.longestPrefix(in: s, at: k + q + m), k + q + m + u <= limit
        else { return nil }
        return (q, m, u)
    }

    /// An ASCII unit must not be the start of a longer word: "5 kg" yes, "3 kgs" no.
    private static func isLetterUnitCut(_ s: [Unicode.Scalar], _ at: Int, _ length: Int, _ limit: Int) -> Bool {
        guard s[at].isASCIILetter else { return false }
        let after = at + length
        return after < limit && s[after].isASCIILetter
    }

    /// A minus written before a number ("增长率为-1.48‰", "比上年增长-3.5%"), not a dash between
    /// numbers, letters or a range ("0475-8888888", "G-5", "5%-6%").
    static func isMinusSign(_ s: [Unicode.Scalar], before i: Int) -> Bool {
        guard i > 0, s[i - 1] == "-" || s[i - 1] == "\u{2212}" else { return false }
        guard i > 1 else { return true }
        let p = s[i - 2]
        return !(p.isASCIIDigit || p.isASCIILetter || p == "-" || p == "%" || p == "." || p == ")" || p == "\u{2212}")
    }

    /// Letters, road and ordinal words, and joining marks before a number make it a name.
    static func isNameBefore(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        let p = s[i - 1]
        if p.isASCIILetter || p.isASCIIDigit { return true }
        switch p {
        case "+", "·", "•", "・", "-", "—", "–", "/", ":", ".", "#", "_", "~", "@", "&", "*", "=", "\\", "|":
            return true
        default: break
        }
        return Lexicon.nameLeadIns.longestSuffix(in: s, endingAt: i) != nil
    }

    /// Letters and joining marks after a number make it a name: 5G, 1+10, 8·18, 0475-123.
    static func isNameAfter(_ s: [Unicode.Scalar], _ j: Int, limit: Int) -> Bool {
        guard j < limit else { return false }
        let c = s[j]
        if c.isASCIILetter {
            if let u = Lexicon.units.longestPrefix(in: s, at: j), j + u >= limit || !s[j + u].isASCIILetter {
                return false  // 5 kg, 20MW
            }
            return true
        }
        switch c {
        case "+", "·", "•", "・", "_", "@", "#", "&", "*", "=", "\\", "|":
            return true
        case ":", "/", "-", "—", "–", "~", ".":
            return j + 1 < limit && s[j + 1].isASCIIDigit
        default:
            break
        }
        if let t = Lexicon.nameTrailers.longestPrefix(in: s, at: j),
            Lexicon.units.longestPrefix(in: s, at: j).map({ $0 < t }) ?? true
        {
            return true
        }
        return false
    }
}
