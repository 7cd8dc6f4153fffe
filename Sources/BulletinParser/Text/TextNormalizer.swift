import Foundation

/// Folds the writing of a block into one spelling the extractor can read.
///
/// - Full-width letters, digits and punctuation become ASCII (NFKC, and ∶ U+2236 by hand).
/// - Footnote marks ([2], 【4】, (3), ①, ²) become a space, never nothing, so that
///   "国内生产总值[2]1210207亿元" keeps its number whole.
/// - Zero-width characters vanish; odd spaces become a plain space.
/// - Chinese numerals become digits only where they are numbers: 百分之五点二, 一千二百亿元, 二〇二三年.
///   Free text such as 一般, 零售, 八五普法 or 七项重点工作 is left alone.
/// - A line break inside a wrapped sentence is dropped between ideographs and digits.
struct TextNormalizer {
    private var compatibilityCache: [UInt32: [Unicode.Scalar]] = [:]

    /// Normalises the lines of one block of `source`, joined by soft line breaks.
    mutating func normalize(_ source: [Unicode.Scalar], lines: [Range<Int>]) -> NormalizedText {
        var out = NormalizedText()
        out.scalars.reserveCapacity(lines.reduce(0) { $0 + $1.count })
        out.origins.reserveCapacity(out.scalars.capacity)
        for (index, line) in lines.enumerated() {
            if index > 0 { appendSoftBreak(into: &out, before: line, in: source) }
            for i in line { appendFolded(source[i], origin: i, into: &out) }
        }
        Self.replaceFootnoteMarks(&out)
        Self.removePinyinAnnotations(&out)
        ChineseNumerals.convert(&out)
        return out
    }

    /// Between two lines of one sentence: nothing between ideographs and digits, else a space.
    private func appendSoftBreak(into out: inout NormalizedText, before line: Range<Int>, in source: [Unicode.Scalar]) {
        guard let last = out.scalars.last, let first = line.first.map({ source[$0] }) else { return }
        let joinsTight = (last.isHan || last.isASCIIDigit || last == ".") && (first.isHan || first.isASCIIDigit)
        if !joinsTight { out.append(" ", origin: line.lowerBound > 0 ? line.lowerBound - 1 : 0) }
    }

    private mutating func appendFolded(_ c: Unicode.Scalar, origin: Int, into out: inout NormalizedText) {
        let v = c.value
        if v < 0x80 {
            out.append(v == 0x09 ? " " : c, origin: origin)
            return
        }
        if c.isHan {
            out.append(TraditionalCharacters.simplified[v] ?? c, origin: origin)
            return
        }
        switch v {
        case 0xFEFF, 0x200B, 0x200C, 0x200D, 0x2060, 0x00AD:
            return  // invisible
        case 0x3000, 0x00A0, 0x2000...0x200A, 0x202F, 0x205F:
            out.append(" ", origin: origin)
        case 0xFF01...0xFF5E:
            out.append(Unicode.Scalar(v - 0xFEE0)!, origin: origin)
        case 0x2236:
            out.append(":", origin: origin)
        case 0x2460...0x24FF, 0x2776...0x2793, 0x00B9, 0x00B2, 0x00B3, 0x2070...0x2079, 0x2080...0x2089:
            out.append(" ", origin: origin)  // circled and superscript digits are footnote marks
        case 0x3001, 0x3002, 0x300A...0x300F, 0x3010, 0x3011, 0x3014, 0x3015, 0x201C, 0x201D, 0x2018, 0x2019,
            0x2014, 0x2026, 0x00B7, 0x2030:
            out.append(c, origin: origin)  // CJK punctuation that NFKC keeps anyway
        default:
            for folded in compatibilityFold(c) { out.append(folded, origin: origin) }
        }
    }

    private mutating func compatibilityFold(_ c: Unicode.Scalar) -> [Unicode.Scalar] {
        if let cached = compatibilityCache[c.value] { return cached }
        let folded = Array(String(Character(c)).precomposedStringWithCompatibilityMapping.unicodeScalars)
        let result = folded.isEmpty ? [c] : folded
        compatibilityCache[c.value] = result
        return result
    }

    /// "萬(wàn)", "增長(zhǎng)": the pinyin that mirror pages print after a character is dropped.
    static func removePinyinAnnotations(_ text: inout NormalizedText) {
        let s = text.scalars
        guard s.contains("(") else { return }
        var out = NormalizedText()
        out.scalars.reserveCapacity(s.count)
        out.origins.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == "(", i > 0, s[i - 1].isHan {
                var j = i + 1
                var toned = false
                while j < s.count, j - i <= 8, isPinyinLetter(s[j]) {
                    if s[j].value > 0x7F { toned = true }
                    j += 1
                }
                if j > i + 1, j < s.count, s[j] == ")", toned || j - i <= 4 {
                    i = j + 1
                    continue
                }
            }
            out.append(s[i], origin: text.origins[i])
            i += 1
        }
        text = out
    }

    private static func isPinyinLetter(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x61 && c.value <= 0x7A) || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".unicodeScalars.contains(c)
    }

    /// [2], 【4】, (3), 〔5〕 with one to three digits become a single space.
    static func replaceFootnoteMarks(_ text: inout NormalizedText) {
        let s = text.scalars
        guard s.contains(where: { $0 == "[" || $0 == "(" || $0 == "【" || $0 == "〔" }) else { return }
        var out = NormalizedText()
        out.scalars.reserveCapacity(s.count)
        out.origins.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if let close = closingBracket(for: s[i]) {
                var j = i + 1
                while j < s.count, j - i <= 3, s[j].isASCIIDigit { j += 1 }
                if j > i + 1, j < s.count, s[j] == close {
                    out.append(" ", origin: text.origins[i])
                    i = j + 1
                    continue
                }
            }
            out.append(s[i], origin: text.origins[i])
            i += 1
        }
        text = out
    }

    private static func closingBracket(for c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c {
        case "[": return "]"
        case "(": return ")"
        case "【": return "】"
        case "〔": return "〕"
        default: return nil
        }
    }
}
