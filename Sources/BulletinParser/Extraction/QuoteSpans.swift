/// Marks the short spans inside quotation marks: numbers there are names ("15分钟健身圈", "1+10").
enum QuoteSpans {
    /// A mask, one flag per scalar, true inside a quoted name (the marks included).
    static func mask(_ s: [Unicode.Scalar]) -> [Bool] {
        var mask = [Bool](repeating: false, count: s.count)
        var i = 0
        while i < s.count {
            guard s[i].isQuote, isOpening(s[i]) else {
                i += 1
                continue
            }
            let longest = s[i] == "《" ? 60 : 25
            var j = i + 1
            var closed = false
            while j < s.count, j - i <= longest {
                if s[j].isQuote {
                    closed = true
                    break
                }
                if s[j].isClauseEnd || s[j] == "。" { break }
                j += 1
            }
            if closed && j > i + 1 {
                for k in i...j { mask[k] = true }
                i = j + 1
            } else {
                i += 1
            }
        }
        return mask
    }

    private static func isOpening(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\"", "'", "“", "‘", "「", "『", "《", "〈": return true
        default: return false
        }
    }
}
