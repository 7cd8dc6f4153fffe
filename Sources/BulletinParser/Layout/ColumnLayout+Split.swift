extension ColumnLayout {
    /// The line width of a block: of the widths that make at least two fragments whole lines (a
    /// fragment's length, or a half or third of it where spaces went missing), the one that leaves
    /// the fewest fragments unexplained besides one paragraph's last line, the wider on a tie; the
    /// median fragment when none does.
    static func lineWidth(_ lengths: [Int]) -> Int {
        var candidates = Set<Int>()
        for length in lengths {
            for k in 1...3 where length % k == 0 && (12...40).contains(length / k) { candidates.insert(length / k) }
        }
        var best = Self.median(lengths)
        var bestOdd = Int.max
        for width in candidates where wholeLines(lengths, width: width) >= 2 {
            // one fragment holding a paragraph's last line, alone or glued after whole lines, is expected
            let odd = max(0, lengths.count - wholeLines(lengths, width: width) - 1)
            if odd < bestOdd || (odd == bestOdd && width > best) {
                best = width
                bestOdd = odd
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

    /// Cuts `range` of a fixed-pitch block into lines exactly `width` wide and short lines: one (a
    /// paragraph's last) cheaply wherever it sits, more at a price and only before a space. A space
    /// between two lines is where they were set apart, though a line may hold a space of its own;
    /// elsewhere the cut that joins worst wins. Nil when the text cannot be read so.
    func splitExact(_ range: Range<Int>, in s: [Unicode.Scalar], width: Int) -> [Range<Int>]? {
        guard width > 0 else { return nil }
        let start = range.lowerBound
        let end = range.upperBound
        guard end - start > width else { return end - start > 0 ? [range] : nil }
        // A line starts at p and ends at a cut c: a full line is `width` long; a short line ends
        // before a space, after a full stop, or at the end. Only starts reachable from the first are
        // read, so only their cuts are scored.
        let count = end - start + 1
        var spacesBefore = [Int](repeating: 0, count: count)
        var isStop = [Bool](repeating: false, count: count)
        for k in start..<end {
            spacesBefore[k - start + 1] = spacesBefore[k - start] + (s[k].isInlineSpace ? 1 : 0)
            isStop[k - start] = Self.endsParagraph(s[k])
        }
        // where a short line may end: before a space, after a stop, or at the end
        var breaks: [Int] = []
        for c in (start + 1)...end where c == end || s[c].isInlineSpace || isStop[c - 1 - start] { breaks.append(c) }
        func firstBreak(after p: Int) -> Int {
            var low = 0
            var high = breaks.count
            while low < high {
                let mid = (low + high) / 2
                if breaks[mid] <= p { low = mid + 1 } else { high = mid }
            }
            return low
        }
        func nextStart(_ c: Int) -> Int {
            var next = c
            while next < end, s[next].isInlineSpace { next += 1 }
            return next
        }
        /// The lines that may start at p: where each ends, whether the short line is still to come
        /// after it, and what it costs besides its cut.
        func lines(from p: Int, shortLeft: Bool, into moves: inout [(cut: Int, shortLeft: Bool, extra: Double)]) {
            moves.removeAll(keepingCapacity: true)
            // a line may keep a space of its own, but each costs what a cut there would have gained
            func add(_ c: Int, _ left: Bool, _ extra: Double) {
                guard !s[c - 1].isInlineSpace else { return }
                moves.append((c, left, extra + Double(spacesBefore[c - start] - spacesBefore[p - start]) * 3))
            }
            if p + width <= end { add(p + width, shortLeft, 0) }
            // A block holds one paragraph's last line, most often; another short line (a paragraph
            // ending higher up, a footnote mark taken out) costs more and needs a space after it.
            // a short line ends before a space, after a stop or at the end: only those are tried
            var i = firstBreak(after: p)
            while i < breaks.count, breaks[i] < p + width {
                let c = breaks[i]
                i += 1
                // a short line ends a paragraph, most often with its full stop
                let stop = isStop[c - 1 - start]
                let space = c == end || s[c].isInlineSpace
                if shortLeft, stop || space {
                    add(c, false, stop ? 1 : 3)
                } else if !shortLeft, space {
                    add(c, false, stop ? 4 : 6)
                }
            }
        }
        // which (start, short still to come) can be reached from the first line
        // flat tables indexed by 2 × (start − range start) + (short still to come ? 1 : 0)
        func slot(_ p: Int, _ left: Bool) -> Int { 2 * (p - start) + (left ? 1 : 0) }
        var reachable = [Bool](repeating: false, count: 2 * count)
        let first = nextStart(start)
        reachable[slot(first, true)] = true
        var moves: [(cut: Int, shortLeft: Bool, extra: Double)] = []
        for p in first..<end {
            for left in [true, false] where reachable[slot(p, left)] {
                lines(from: p, shortLeft: left, into: &moves)
                for move in moves { reachable[slot(nextStart(move.cut), move.shortLeft)] = true }
            }
        }
        // the cheapest reading from each reachable start to the end, read backwards
        struct Step {
            var cost = Double.infinity
            var cut = -1
            var shortLeft = false
        }
        var table = [Step](repeating: Step(), count: 2 * count)
        table[slot(end, false)].cost = 0
        table[slot(end, true)].cost = 0
        var cutCost = [Double](repeating: .nan, count: count)
        for p in stride(from: end - 1, through: first, by: -1) {
            for left in [true, false] where reachable[slot(p, left)] {
                lines(from: p, shortLeft: left, into: &moves)
                var best = Step()
                for move in moves {
                    let c = move.cut
                    var cost = move.extra
                    if c < end {
                        if s[c].isInlineSpace {
                            cost -= 3
                        } else {
                            if cutCost[c - start].isNaN {
                                cutCost[c - start] = scorer.score(s, max(start, c - 3)..<c, c..<min(end, c + 3))
                            }
                            cost += cutCost[c - start]
                        }
                    }
                    cost += table[slot(nextStart(c), move.shortLeft)].cost
                    if cost < best.cost { best = Step(cost: cost, cut: c, shortLeft: move.shortLeft) }
                }
                table[slot(p, left)] = best
            }
        }
        var result: [Range<Int>] = []
        var p = first
        var left = true
        while p < end {
            let step = table[slot(p, left)]
            guard step.cut > p, step.cost.isFinite else { return nil }
            result.append(p..<step.cut)
            left = step.shortLeft
            p = nextStart(step.cut)
        }
        return result
    }

    static func endsParagraph(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "。", "；", ";", "！", "？", "：", ":", "”": return true
        default: return false
        }
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
