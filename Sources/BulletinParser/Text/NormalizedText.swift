/// A block of text ready for extraction, with a map back to the document as given.
///
/// Each scalar of `scalars` remembers the offset (in Unicode code points) of the source
/// scalar it came from, so a figure found here can point at its sentence in the original.
struct NormalizedText: Sendable {
    var scalars: [Unicode.Scalar] = []
    /// Source offset of each scalar; non-decreasing.
    var origins: [Int] = []

    var count: Int { scalars.count }

    mutating func append(_ scalar: Unicode.Scalar, origin: Int) {
        scalars.append(scalar)
        origins.append(origin)
    }

    /// The source range `[start, end)` that the scalars in `range` came from: from the earliest to the
    /// latest (after the layout stage reorders fragments, a clause may come from two places).
    func sourceRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = range.lowerBound < origins.count ? origins[range.lowerBound] : (origins.last ?? 0)
            return at..<at
        }
        var low = origins[range.lowerBound]
        var high = origins[range.upperBound - 1]
        for k in range {
            low = min(low, origins[k])
            high = max(high, origins[k])
        }
        return low..<(high + 1)
    }
}
