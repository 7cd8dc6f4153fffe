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

    init(_ s: [Unicode.Scalar]) {
        var boundaries: [Int] = []
        for i in 1..<max(1, s.count - 1) where s[i].isInlineSpace {
            let before = s[i - 1]
            let after = s[i + 1]
            if !before.isInlineSpace, !after.isInlineSpace, !before.isASCIIDigit, !after.isASCIIDigit,
                !before.isASCIILetter || !after.isASCIILetter
            {
                boundaries.append(i)
            }
        }
        guard boundaries.count >= 3 else { return }
        var lengths: [Int] = []
        var previous = 0
        for b in boundaries {
            lengths.append(b - previous)
            previous = b + 1
        }
        lengths.append(s.count - previous)
        let sorted = lengths.sorted()
        let median = sorted[sorted.count / 2]
        guard (12...40).contains(median) else { return }
        let steady = lengths.filter { abs($0 - median) * 100 <= median * 35 }.count
        guard steady * 100 >= lengths.count * 60 else { return }
        separators = boundaries
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
