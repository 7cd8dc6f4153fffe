/// Chinese numerals written as numbers: 百分之五点二, 一千二百亿元, 二〇二三年.
///
/// A run of numeral characters becomes digits only in a numeric context: after 百分之 or 千分之,
/// as a four-digit year before 年, or when it is a real number (a positional 十/百/千, a magnitude
/// 万/亿 after a digit, or a decimal 点) followed by a unit. A lone 七 in 七项重点工作, 一 in 一般,
/// 零 in 零售 or 八五 in 八五普法 stays as written.
enum ChineseNumerals {
    static func digit(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "〇", "零": return 0
        case "一": return 1
        case "二", "两": return 2
        case "三": return 3
        case "四": return 4
        case "五": return 5
        case "六": return 6
        case "七": return 7
        case "八": return 8
        case "九": return 9
        default: return nil
        }
    }

    static func positional(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "十": return 10
        case "百": return 100
        case "千": return 1000
        default: return nil
        }
    }

    static func isNumeral(_ c: Unicode.Scalar) -> Bool {
        digit(c) != nil || positional(c) != nil || c == "万" || c == "亿" || c == "点"
    }

    private static let percentLeadIn: [Unicode.Scalar] = Array("百分之".unicodeScalars)
    private static let permilleLeadIn: [Unicode.Scalar] = Array("千分之".unicodeScalars)

    /// Rewrites the numeric runs of `text` in place, keeping the map to the source.
    static func convert(_ text: inout NormalizedText) {
        let s = text.scalars
        guard s.contains(where: { digit($0) != nil || positional($0) != nil }) else { return }
        var out = NormalizedText()
        out.scalars.reserveCapacity(s.count)
        out.origins.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if let (replacement, consumed) = numericRun(in: s, at: i) {
                let first = text.origins[i]
                let last = text.origins[i + consumed - 1]
                for (k, c) in replacement.enumerated() {
                    out.append(c, origin: k == replacement.count - 1 ? last : first)
                }
                i += consumed
                continue
            }
            out.append(s[i], origin: text.origins[i])
            i += 1
        }
        text = out
    }

    /// A numeral run starting at `i` in a numeric context: its digits and how many scalars it spans.
    private static func numericRun(in s: [Unicode.Scalar], at i: Int) -> ([Unicode.Scalar], Int)? {
        guard isNumeral(s[i]) else { return nil }
        // 百分之 / 千分之 + numeral
        if s[i] == "百" || s[i] == "千" {
            let isPercent = s.matches(percentLeadIn, at: i)
            guard isPercent || s.matches(permilleLeadIn, at: i) else { return nil }
            let sign = isPercent ? "%" : "‰"
            let runStart = i + 3
            let runEnd = scanRun(s, from: runStart)
            guard runEnd > runStart, let digits = render(Array(s[runStart..<runEnd])) else { return nil }
            return (Array((digits + sign).unicodeScalars), runEnd - i)
        }
        guard digit(s[i]) != nil || (s[i] == "十" && i + 1 < s.count && digit(s[i + 1]) != nil) else {
            return nil
        }
        if i > 0, isNumeral(s[i - 1]) || s[i - 1] == "第" || s[i - 1].isASCIIDigit { return nil }
        let runEnd = scanRun(s, from: i)
        let run = Array(s[i..<runEnd])
        // 二〇二三年: a year spelled digit by digit
        if run.count == 4, run.allSatisfy({ digit($0) != nil }), runEnd < s.count, s[runEnd] == "年" {
            return (run.map { Unicode.Scalar(UInt8(48 + digit($0)!)) }, run.count)
        }
        let isNumber =
            run.contains { positional($0) != nil } || (run.count >= 2 && (run.last == "万" || run.last == "亿"))
            || (run.contains("点") && run.last != "点")
        guard run.count >= 2, isNumber, followedByUnit(s, at: runEnd), let digits = render(run) else {
            return nil
        }
        return (Array(digits.unicodeScalars), run.count)
    }

    private static func scanRun(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var j = start
        while j < s.count, isNumeral(s[j]) { j += 1 }
        // a trailing 点 belongs to the text (八点钟), not the number
        while j > start, s[j - 1] == "点" { j -= 1 }
        return j
    }

    private static func followedByUnit(_ s: [Unicode.Scalar], at index: Int) -> Bool {
        var j = index
        if let q = Lexicon.midQualifiers.longestPrefix(in: s, at: j) { j += q }
        return Lexicon.units.longestPrefix(in: s, at: j) != nil
    }

    /// Digits for a numeral run, keeping a final 万 or 亿 as written: 一千二百亿 → "1200亿".
    static func render(_ run: [Unicode.Scalar]) -> String? {
        var body = run
        var suffix = ""
        if let last = body.last, last == "万" || last == "亿", body.count > 1 {
            let head = body.dropLast()
            if !head.contains("万") && !head.contains("亿") {
                suffix = String(last)
                body = Array(head)
            }
        }
        let parts = body.split(separator: "点", omittingEmptySubsequences: false)
        guard parts.count <= 2, let integer = integerValue(Array(parts[0])) else { return nil }
        var result = String(integer)
        if parts.count == 2 {
            let fraction = parts[1].compactMap { digit($0) }
            guard fraction.count == parts[1].count, !fraction.isEmpty else { return nil }
            result += "." + fraction.map(String.init).joined()
        }
        return result + suffix
    }

    /// The value of an integer numeral: 一千二百 → 1200, 十二 → 12, 二〇二三 → 2023.
    static func integerValue(_ run: [Unicode.Scalar]) -> Int? {
        if run.isEmpty { return 0 }
        if run.allSatisfy({ digit($0) != nil }) {
            var v = 0
            for c in run {
                guard v < Int.max / 100 else { return nil }
                v = v * 10 + digit(c)!
            }
            return v
        }
        for (mark, scale) in [("亿" as Unicode.Scalar, 100_000_000), ("万", 10_000)] {
            if let k = run.lastIndex(of: mark) {
                guard let high = integerValue(Array(run[..<k])), let low = integerValue(Array(run[(k + 1)...])),
                    high < Int.max / scale / 2
                else { return nil }
                return (k == 0 ? 1 : high) * scale + low
            }
        }
        var total = 0
        var pending: Int? = nil
        for c in run {
            if let d = digit(c) {
                pending = d
            } else if let p = positional(c) {
                total += (pending ?? 1) * p
                pending = nil
            } else {
                return nil
            }
        }
        return total + (pending ?? 0)
    }
}
