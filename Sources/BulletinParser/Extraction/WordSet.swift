/// A small set of words matched against scalar arrays, longest first.
struct WordSet: Sendable {
    private var byFirst: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
    private var byLast: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
    /// One bit per BMP scalar that starts a word: most scalars are turned away without hashing.
    private var firstBits = [UInt64](repeating: 0, count: 1024)
    private var lastBits = [UInt64](repeating: 0, count: 1024)
    private var tags: [[Unicode.Scalar]: UInt32] = [:]

    init(_ words: [String]) {
        self.init(tagged: words.map { ($0, 1) })
    }

    /// A set whose words carry tag bits, for ``tags(in:_:)``.
    init(tagged words: [(String, UInt32)]) {
        for (word, tag) in words {
            let scalars = Array(word.unicodeScalars)
            guard let first = scalars.first, let last = scalars.last else { continue }
            tags[scalars, default: 0] |= tag
            Self.set(&firstBits, first)
            Self.set(&lastBits, last)
            byFirst[first, default: []].append(scalars)
            byLast[last, default: []].append(scalars)
        }
        for key in byFirst.keys { byFirst[key]!.sort { $0.count > $1.count } }
        for key in byLast.keys { byLast[key]!.sort { $0.count > $1.count } }
    }

    private static func set(_ bits: inout [UInt64], _ c: Unicode.Scalar) {
        let v = Int(min(c.value, 0xFFFF))
        bits[v >> 6] |= 1 << UInt64(v & 63)
    }

    @inline(__always) private static func test(_ bits: [UInt64], _ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v > 0xFFFF { return true }
        return bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0
    }

    /// The length of the longest word that starts at `index`, if any.
    func longestPrefix(in s: [Unicode.Scalar], at index: Int) -> Int? {
        guard index >= 0, index < s.count, Self.test(firstBits, s[index]), let candidates = byFirst[s[index]]
        else { return nil }
        for word in candidates where s.matches(word, at: index) { return word.count }
        return nil
    }

    /// The length of the longest word that ends just before `index`, if any.
    func longestSuffix(in s: [Unicode.Scalar], endingAt index: Int) -> Int? {
        guard index > 0, index <= s.count, Self.test(lastBits, s[index - 1]), let candidates = byLast[s[index - 1]]
        else { return nil }
        for word in candidates where s.matches(word, endingAt: index) { return word.count }
        return nil
    }

    /// The union of the tags of every word that occurs in `s[range]`.
    func tags(in s: [Unicode.Scalar], _ range: Range<Int>) -> UInt32 {
        var result: UInt32 = 0
        var i = range.lowerBound
        while i < range.upperBound {
            if Self.test(firstBits, s[i]), let candidates = byFirst[s[i]] {
                for word in candidates where i + word.count <= range.upperBound && s.matches(word, at: i) {
                    result |= tags[word] ?? 0
                }
            }
            i += 1
        }
        return result
    }

    /// Whether any word occurs anywhere in `s[range]`.
    func occurs(in s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        firstOccurrence(in: s, range) != nil
    }

    /// The first position in `s[range]` where a word starts, with its length.
    func firstOccurrence(in s: [Unicode.Scalar], _ range: Range<Int>) -> (at: Int, length: Int)? {
        var i = range.lowerBound
        while i < range.upperBound {
            if let length = longestPrefix(in: s, at: i), i + length <= range.upperBound { return (i, length) }
            i += 1
        }
        return nil
    }
}
