extension ColumnLayout {
    /// The line width of a block: the median fragment, or the fragment length of which most fragments
    /// are whole multiples (fragments glued where spaces went missing pull the median off).
    static func lineWidth(_ lengths: [Int]) -> Int {
        let median = Self.median(lengths)
        var best = median
        var bestWhole = wholeLines(lengths, width: median)
        for width in Set(lengths) where width != median && (12...40).contains(width) && width * 5 >= median * 3 {
            let whole = wholeLines(lengths, width: width)
            if whole > bestWhole || (whole == bestWhole && abs(width - median) < abs(best - median)) {
                best = width
                bestWhole = whole
            }
        }
        return best
    }

    /// How many fragments are a whole number of lines `width` wide.
    static func wholeLines(_ lengths: [Int], width: Int) -> Int {
        lengths.filter { width > 0 && $0 % width == 0 && $0 / width <= 6 }.count
    }

    /// Whether the lines of a block are all exactly `width` characters, as in a page set with a fixed
    /// pitch: then a fragment longer than the width is lines glued together, cut exactly at the widths.
    /// Real pages mix half-width digits in and vary by a character or two; those are cut by the text.
    static func isFixedPitch(_ lengths: [Int], width: Int) -> Bool {
        guard width > 0 else { return false }
        // fragments within a few characters of a whole number of lines; of those, most must be exact
        let near = lengths.filter { length in
            let k = max(1, Int((Double(length) / Double(width)).rounded()))
            return abs(length - k * width) <= 3
        }
        let whole = wholeLines(lengths, width: width)
        guard whole >= 2 else { return false }
        if whole * 100 >= near.count * 75 { return true }
        // A block of three may hold one line glued to a last line a few characters long: every other
        // fragment whole, that one a little longer (real lines vary both ways, and by more).
        let off = lengths.filter { $0 % width != 0 }
        return lengths.count <= 3 && off.count == 1 && off[0] > width && off[0] % width <= 3
    }

    /// Cuts `range` of a fixed-pitch block into lines exactly `width` wide and at most one short line
    /// (a paragraph's last), wherever the short line sits. A space between two lines is where they
    /// were set apart, though a line may hold a space of its own; elsewhere the cut that joins worst
    /// wins. Nil when the text cannot be read so.
    func splitExact(_ range: Range<Int>, in s: [Unicode.Scalar], width: Int) -> [Range<Int>]? {
        guard width > 0 else { return nil }
        let start = range.lowerBound
        let end = range.upperBound
        guard end - start > width else { return end - start > 0 ? [range] : nil }
        // table[p][short]: the cheapest way to read s[p..<end] as lines, `short` telling whether the
        // short line may still come; a line starts at p and the next one after its cut
        struct Step {
            var cost = Double.infinity
            var next = -1
            var cut = -1
        }
        let count = end - start + 1
        var table = [[Step]](repeating: [Step(), Step()], count: count)
        table[count - 1][0].cost = 0
        table[count - 1][1].cost = 0
        var cutCost = [Double](repeating: .nan, count: count)
        // spaces before each position: a line may keep a space of its own, but each costs what a cut
        // there would have gained
        var spacesBefore = [Int](repeating: 0, count: count)
        for k in start..<end { spacesBefore[k - start + 1] = spacesBefore[k - start] + (s[k].isInlineSpace ? 1 : 0) }
        // where the line after a cut at c starts, and what the cut costs
        func cutAt(_ c: Int) -> (cost: Double, next: Int) {
            if s[c].isInlineSpace {
                var next = c
                while next < end, s[next].isInlineSpace { next += 1 }
                return (-3, next)
            }
            if cutCost[c - start].isNaN {
                cutCost[c - start] = scorer.score(s, max(start, c - 3)..<c, c..<min(end, c + 3))
            }
            return (cutCost[c - start], c)
        }
        for p in stride(from: end - 1, through: start, by: -1) where !s[p].isInlineSpace {
            for shortLeft in 0...1 {
                var best = Step()
                func consider(_ length: Int, _ shortAfter: Int, _ extra: Double) {
                    let c = p + length
                    guard c <= end, !s[c - 1].isInlineSpace else { return }
                    let (cost, next) = c == end ? (0, end) : cutAt(c)
                    let inner = Double(spacesBefore[c - start] - spacesBefore[p - start]) * 3
                    let total = extra + inner + cost + table[next - start][shortAfter].cost
                    if total < best.cost { best = Step(cost: total, next: next, cut: c) }
                }
                consider(width, shortLeft, 0)
                if shortLeft == 1 {
                    // a short line ends a paragraph, most often with its full stop
                    for length in 1..<min(width, end - p + 1) {
                        consider(length, 0, Self.endsParagraph(s[p + length - 1]) ? 1 : 3)
                    }
                }
                table[p - start][shortLeft] = best
            }
        }
        var result: [Range<Int>] = []
        var p = start
        while p < end, s[p].isInlineSpace { p += 1 }
        var shortLeft = 1
        while p < end {
            let step = table[p - start][shortLeft]
            guard step.next >= 0, step.cost.isFinite else { return nil }
            if step.cut - p != width { shortLeft = 0 }
            result.append(p..<step.cut)
            p = step.next
        }
        return result
    }

    static func endsParagraph(_ c: Unicode.Scalar) -> Bool {
        "。；;！？：:”".unicodeScalars.contains(c)
    }

    /// Cuts a fragment about k column widths long into k pieces, where the separating space went
    /// missing or was taken for spacing before a number: at each nominal cut, a space if there is one
    /// nearby, else the nearby position whose two sides join worst.
    func split(_ piece: Range<Int>, in s: [Unicode.Scalar], width: Int) -> [Range<Int>] {
        // A line and a short last line glued together are a width and a bit: two pieces too.
        guard width > 0, piece.count * 100 >= width * 125 else { return [piece] }
        let k = max(2, Int((Double(piece.count) / Double(width)).rounded()))
        guard k >= 2 else { return [piece] }
        // Most fragments are a full column wide, so the cuts lie a width from either end; a short
        // line (a paragraph's last) may stand on either side.
        var nominals: [[Int]] = []
        if k == 2 {
            nominals = [[piece.lowerBound + width], [piece.upperBound - width], [piece.lowerBound + piece.count / 2]]
        } else {
            nominals = [(1..<k).map { piece.lowerBound + piece.count * $0 / k }]
        }
        // A fragment exactly k widths long is k full lines: the cuts are where the widths say.
        let offWidthCost = piece.count == k * width ? 3.0 : 2.0
        var bestCuts: [Int] = []
        var bestTotal = Double.infinity
        for option in nominals {
            var cuts: [Int] = []
            var total = 0.0
            for nominal in option {
                var bestCut = -1
                var bestScore = Double.infinity
                for delta in -3...3 {
                    let cut = nominal + delta
                    guard cut > (cuts.last ?? piece.lowerBound) + 1, cut < piece.upperBound - 1 else { continue }
                    let inNumber =
                        (s[cut - 1].isASCIIDigit || s[cut - 1] == ".") && (s[cut].isASCIIDigit || s[cut] == ".")
                    if inNumber { continue }
                    let left = max(piece.lowerBound, cut - 3)..<cut
                    let right = cut..<min(piece.upperBound, cut + 3)
                    let spaceBonus = s[cut].isInlineSpace ? -3.0 : 0
                    let score = scorer.score(s, left, right) + Double(abs(delta)) * offWidthCost + spaceBonus
                    if score < bestScore {
                        bestScore = score
                        bestCut = cut
                    }
                }
                guard bestCut >= 0 else { break }
                cuts.append(bestCut)
                total += bestScore
            }
            if cuts.count == option.count && total < bestTotal {
                bestTotal = total
                bestCuts = cuts
            }
        }
        let cuts = bestCuts
        guard !cuts.isEmpty else { return [piece] }
        var result: [Range<Int>] = []
        var start = piece.lowerBound
        for cut in cuts {
            result.append(start..<cut)
            start = s[cut].isInlineSpace ? cut + 1 : cut
        }
        result.append(start..<piece.upperBound)
        return result
    }
}
