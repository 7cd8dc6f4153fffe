/// Where a block looks like columns read across: fragments of near-constant width, side by side.
///
/// Text pulled from a newspaper page often puts one line of every column on one physical line,
/// separated by a space. A subject that runs across such a space joins words of different columns
/// ("考古研究基 收入"); a figure whose subject does is dropped rather than reported wrongly.
/// (Restoring the reading order is the layout stage's job.)
struct ColumnFragments: Sendable {
    /// Positions of the spaces that separate fragments; empty when the block is ordinary text.
    private(set) var separators: [Int] = []

    var isInterleaved: Bool { !separators.isEmpty }

    /// The exact line width when the block was recognised by its fixed pitch alone.
    private(set) var pitch: Int? = nil

    /// The spaces that could separate fragments, and every space, kept for a second look at a
    /// fixed pitch.
    private var candidates: [Int] = []
    private var spaces: [Int] = []
    /// The length of the block.
    private var count = 0

    init(_ s: [Unicode.Scalar]) {
        let (boundaries, spaces) = Self.spaceBoundaries(s)
        count = s.count
        self.spaces = spaces.count >= 2 ? spaces : []
        guard boundaries.count >= 2 else { return }
        candidates = boundaries
        // A space before a number may be mere spacing: the widths must be steady with or without those.
        let hard = boundaries.filter { !s[$0 + 1].isASCIIDigit && !s[$0 + 1].isInlineSpace }
        guard Self.isSteady(boundaries, count: s.count) || (hard.count >= 2 && Self.isSteady(hard, count: s.count))
        else { return }
        separators = boundaries
    }

    /// Fragments of a block whose separating spaces mostly went missing, recognised by a fixed pitch:
    /// every fragment but one short line is a whole number of lines of one width ("40 3 20 40 20" is
    /// lines of 20). Only the layout stage uses it, and only to reorder: a block it cannot read better
    /// stays as it is, with no fragments for the extractor to respect.
    func fixedPitch() -> ColumnFragments? {
        // The spaces that look like spacing beside a number ("3.4 以内") may be where lines meet too.
        if let found = fixedPitch(candidates) { return found }
        return spaces.count > candidates.count ? fixedPitch(spaces) : nil
    }

    private func fixedPitch(_ boundaries: [Int]) -> ColumnFragments? {
        guard boundaries.count >= 2 else { return nil }
        let lengths = Self.lengths(between: boundaries, count: count)
        guard lengths.count >= 3 else { return nil }
        for width in stride(from: 40, through: 12, by: -1) {
            var lines = 0
            var whole = 0
            var short = 0
            for length in lengths {
                if length % width == 0, length / width <= 6 {
                    whole += 1
                    lines += length / width
                } else if length < width {
                    short += 1
                } else {
                    short = 2
                    break
                }
            }
            if short <= 1, whole >= 2, lines >= 3 {
                var fragments = self
                fragments.separators = boundaries
                fragments.pitch = width
                return fragments
            }
        }
        return nil
    }

    /// The spaces of `s` that may separate fragments: not the spacing around a number and its unit,
    /// nor the space between two words of Latin script.
    /// Also returns every space but those between two Latin words.
    private static func spaceBoundaries(_ s: [Unicode.Scalar]) -> (boundaries: [Int], spaces: [Int]) {
        var boundaries: [Int] = []
        var spaces: [Int] = []
        var i = 1
        while i < s.count - 1 {
            guard s[i].isInlineSpace else {
                i += 1
                continue
            }
            // a run of spaces is one boundary: a space of the text itself may stand beside the separator
            var end = i
            while end + 1 < s.count, s[end + 1].isInlineSpace { end += 1 }
            defer { i = end + 1 }
            guard end + 1 < s.count else { break }
            let before = s[i - 1]
            let after = s[end + 1]
            // "2493 斤", "达到 2493", "DIP 医保" are spacing, not a boundary; "为9.5 改善" is one.
            let spacesAUnit =
                before.isASCIIDigit
                && (Lexicon.units.longestPrefix(in: s, at: end + 1) != nil
                    || Lexicon.magnitudes.longestPrefix(in: s, at: end + 1) != nil
                    || Lexicon.postQualifiers.longestPrefix(in: s, at: end + 1) != nil)
            // A space before a number may be spacing ("资金 384.6亿元") or a boundary ("粮食总 1120斤"):
            // it counts here, and the layout stage merges it back where the two sides read on.
            if !before.isASCIILetter || !after.isASCIILetter {
                spaces.append(contentsOf: i...end)
                if !spacesAUnit { boundaries.append(contentsOf: i...end) }
            }
        }
        return (boundaries, spaces)
    }

    /// Whether the fragments between `boundaries` have a steady width of 12 to 40 characters.
    private static func isSteady(_ boundaries: [Int], count: Int) -> Bool {
        let lengths = lengths(between: boundaries, count: count)
        let sorted = lengths.sorted()
        let median = sorted[sorted.count / 2]
        guard (12...40).contains(median) else { return false }
        // a fragment k widths long is k fragments whose separating spaces went missing; at least half
        // must be one width wide
        let single = lengths.filter { abs($0 - median) * 100 <= median * 35 }.count
        let steady = lengths.filter { length in
            let k = max(1, Int((Double(length) / Double(median)).rounded()))
            return k <= 6 && abs(length - k * median) * 100 <= median * 35
        }.count
        return steady * 100 >= lengths.count * 60 && single * 2 >= lengths.count
    }

    /// The median fragment width of a block of `count` scalars (0 when it is not interleaved).
    func medianWidth(count: Int) -> Int {
        guard isInterleaved else { return 0 }
        let lengths = Self.lengths(between: separators, count: count).sorted()
        return lengths[lengths.count / 2]
    }

    /// The lengths of the fragments between `boundaries` in a block of `count` scalars.
    private static func lengths(between boundaries: [Int], count: Int) -> [Int] {
        var lengths: [Int] = []
        var previous = 0
        for b in boundaries {
            // the spaces of one run make no fragment between them
            if b > previous { lengths.append(b - previous) }
            previous = b + 1
        }
        lengths.append(count - previous)
        return lengths
    }

    /// Whether a fragment boundary lies inside `range`.
    func crosses(_ range: Range<Int>) -> Bool { lastSeparator(in: range) != nil }

    /// The last fragment boundary inside `range`, if any.
    func lastSeparator(in range: Range<Int>) -> Int? {
        guard isInterleaved, !range.isEmpty else { return nil }
        // binary search for the first separator ≥ lowerBound
        var low = 0
        var high = separators.count
        while low < high {
            let mid = (low + high) / 2
            if separators[mid] < range.lowerBound { low = mid + 1 } else { high = mid }
        }
        guard low < separators.count, separators[low] < range.upperBound else { return nil }
        var last = low
        while last + 1 < separators.count, separators[last + 1] < range.upperBound { last += 1 }
        return separators[last]
    }
}
