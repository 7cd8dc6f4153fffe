extension Unicode.Scalar {
    /// A CJK ideograph (the unified blocks and their extensions) or 〇.
    @inline(__always) var isHan: Bool {
        let v = value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0x20000...0x2FA1F).contains(v) || (0xF900...0xFAFF).contains(v) || v == 0x3007
    }

    @inline(__always) var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }

    @inline(__always) var isASCIILetter: Bool {
        (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
    }

    /// Space or tab; line breaks are handled separately.
    @inline(__always) var isInlineSpace: Bool { value == 0x20 || value == 0x09 }

    /// Punctuation that ends a clause: the subject of a figure never crosses it.
    @inline(__always) var isClauseEnd: Bool {
        switch value {
        case 0x2C, 0x3B, 0x3A, 0x3002, 0x21, 0x3F, 0x0A, 0xFF61: return true  // , ; : 。 ! ? \n ｡
        default: return false
        }
    }

    /// Punctuation that ends a sentence: context such as a year or 力争 reaches this far.
    @inline(__always) var isSentenceEnd: Bool {
        switch value {
        case 0x3002, 0x21, 0x3F, 0x3B, 0x0A, 0xFF61: return true  // 。 ! ? ; \n
        default: return false
        }
    }

    /// Quotation marks and title brackets, opening or closing.
    @inline(__always) var isQuote: Bool {
        switch value {
        case 0x22, 0x27, 0x201C, 0x201D, 0x2018, 0x2019, 0x300C, 0x300D, 0x300E, 0x300F, 0x300A, 0x300B,
            0x3008, 0x3009:
            return true
        default: return false
        }
    }
}

extension Array where Element == Unicode.Scalar {
    /// The scalars in `range` as a String.
    func string(_ range: Range<Int>) -> String { String(scalars: self[range]) }

    /// Whether the scalars at `index` spell `word` (given as scalars).
    @inline(__always) func matches(_ word: [Unicode.Scalar], at index: Int) -> Bool {
        guard index >= 0, index + word.count <= count else { return false }
        for k in 0..<word.count where self[index + k] != word[k] { return false }
        return true
    }

    /// Whether the scalars just before `index` spell `word`.
    @inline(__always) func matches(_ word: [Unicode.Scalar], endingAt index: Int) -> Bool {
        matches(word, at: index - word.count)
    }
}

extension String {
    /// A String from Unicode scalars, encoded straight to UTF-8 (the generic path is several times slower).
    init(scalars: some Collection<Unicode.Scalar>) {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var n = 0
            for c in scalars {
                let v = c.value
                if v < 0x80 {
                    buffer[n] = UInt8(v)
                    n += 1
                } else if v < 0x800 {
                    buffer[n] = UInt8(0xC0 | (v >> 6))
                    buffer[n + 1] = UInt8(0x80 | (v & 0x3F))
                    n += 2
                } else if v < 0x10000 {
                    buffer[n] = UInt8(0xE0 | (v >> 12))
                    buffer[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[n + 2] = UInt8(0x80 | (v & 0x3F))
                    n += 3
                } else {
                    buffer[n] = UInt8(0xF0 | (v >> 18))
                    buffer[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buffer[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[n + 3] = UInt8(0x80 | (v & 0x3F))
                    n += 4
                }
            }
            return n
        }
    }
}
