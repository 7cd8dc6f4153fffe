/// Restores the reading order of text pulled out of a multi-column page.
///
/// Newspaper extraction often writes one line of every column on each physical line, separated by
/// a space: a sentence goes on not in the next fragment but N fragments later. For a block whose
/// fragments have a steady width, the stage tries every column count N, scores how well each
/// fragment joins the one N places on, and reorders only when one N clearly reads better than the
/// order given. Fragments glued together where the separating space is missing are first cut back
/// to the column width. Text that is already in order never reaches the reordering.
struct ColumnLayout {
    let scorer: JoinScorer
    /// The arrangements of m pieces, by m: blocks of a document often share their piece counts.
    private var candidateCache: [Int: [Arrangement]] = [:]

    /// What each row of a late start costs an arrangement.
    var lateRowCost = 2.0

    init(scorer: JoinScorer) { self.scorer = scorer }

    /// The result of a reordering: the text in reading order and where fragments were joined.
    struct Restored {
        var text: NormalizedText
        /// Positions in `text` where one fragment meets the next: figures read across them are less sure.
        var joins: [Int]
    }

    /// The block in reading order, or nil when it is not columns read across or the order is unclear.
    mutating func restore(_ block: NormalizedText, fragments: ColumnFragments? = nil) -> Restored? {
        let s = block.scalars
        let fragments = fragments ?? ColumnFragments(s)
        guard fragments.isInterleaved else { return nil }
        var pieces = Self.pieces(of: s, separators: fragments.separators)
        let lengths = pieces.map(\.count)
        let pitch = fragments.pitch ?? Self.lineWidth(lengths)
        let exact = fragments.pitch != nil || Self.isFixedPitch(lengths, width: pitch)
        // A page set at a fixed pitch is read whole into lines of that width; any other is cut where
        // its fragments are too long, by the text.
        let width = exact ? pitch : Self.median(lengths)
        if exact, lengths.dropLast().allSatisfy({ $0 == width }), (lengths.last ?? 0) <= width {
            // every fragment a line already (the last one may be short)
        } else if exact, let lines = splitExact(0..<s.count, in: s, width: width) {
            pieces = lines
        } else {
            pieces = mergeSpacing(pieces, in: s, width: width)
            pieces = pieces.flatMap { split($0, in: s, width: width) }
        }
        guard pieces.count >= 3 else { return nil }

        var memo = JoinCache(count: pieces.count)
        if exact {
            // At a fixed pitch a short line ending a sentence ends its paragraph: more text after it
            // must read well to be believed.
            for (k, piece) in pieces.enumerated()
            where piece.count < width && Self.endsParagraph(s[piece.upperBound - 1]) {
                memo.exitCost[k] = 1.5
            }
        }
        // For each column count its best arrangement (where the first column starts, where the last
        // ends); the count whose best reads best wins, the smaller on a tie.
        let original = score(s, pieces, Arrangement(columns: [Array(pieces.indices)]), &memo).average
        var best: (arrangement: Arrangement, average: Double)? = nil
        var bestOfCount: [Int: (arrangement: Arrangement, total: Double, average: Double)] = [:]
        if candidateCache[pieces.count] == nil {
            candidateCache[pieces.count] = Arrangement.candidates(pieces: pieces.count)
        }
        for arrangement in candidateCache[pieces.count]! {
            let reading = score(s, pieces, arrangement, &memo)
            // An arrangement must reorder most of the text, and the joins it changes must read well:
            // with many candidates, one that keeps the order and adds a lucky join proves nothing.
            guard reading.changed >= 2, reading.changed * 2 >= reading.joins, reading.changedAverage >= 0.5 else {
                continue
            }
            // A first column that starts late (its top taken by a picture or a title) is rare, and it
            // moves the page's first fragment away from the start: it must read much better.
            let total =
                reading.average * Double(reading.joins) - 0.5 * Double(arrangement.columns.count - 2)
                - lateRowCost * Double(arrangement.late)
            let n = arrangement.columns.count
            if total > (bestOfCount[n]?.total ?? -Double.infinity) + 0.05 {
                bestOfCount[n] = (
                    arrangement, total, reading.average - lateRowCost * Double(arrangement.late) / Double(reading.joins)
                )
            }
        }
        for n in bestOfCount.keys.sorted() {
            let candidate = bestOfCount[n]!
            if candidate.average > (best?.average ?? -Double.infinity) + 0.1 {
                best = (candidate.arrangement, candidate.average)
            }
        }
        guard let chosen = best, chosen.average - original >= (exact ? 0.2 : 0.5), chosen.average > 0.3 else {
            // No other order reads better. When the order given reads well, it is one column
            // wrapped with spaces: join it. Otherwise the order is unclear, and the extractor keeps
            // every subject inside its own fragment.
            // A block known by its pitch alone is left as it is.
            guard fragments.pitch == nil, original >= 1.0, original >= (best?.average ?? -Double.infinity) else {
                return nil
            }
            return reorder(block, pieces, Arrangement(columns: [Array(pieces.indices)]))
        }
        return reorder(block, pieces, chosen.arrangement)
    }

    /// Join scores between pieces, computed once each: every arrangement of a block reads the same
    /// few hundred joins, so a flat table beats hashing.
    struct JoinCache {
        let count: Int
        private var values: [Double]
        /// What reading on from each piece costs besides its joins.
        var exitCost: [Double]

        init(count: Int) {
            self.count = count
            values = [Double](repeating: .nan, count: count * count)
            exitCost = [Double](repeating: 0, count: count)
        }

        mutating func score(_ from: Int, _ to: Int, _ compute: () -> Double) -> Double {
            let index = from * count + to
            if !values[index].isNaN { return values[index] }
            let value = compute()
            values[index] = value
            return value
        }
    }

    /// Which pieces each column holds, top to bottom.
    struct Arrangement: Equatable {
        let columns: [[Int]]
        /// The pieces in reading order: down each column, then on to the next.
        let order: [Int]
        /// Columns beyond two, plus rows by which the first column starts late.
        let complexity: Int
        /// Rows by which the first column starts late.
        let late: Int

        init(columns: [[Int]], complexity: Int = 0, late: Int = 0) {
            self.columns = columns
            self.order = columns.flatMap { $0 }
            self.complexity = complexity
            self.late = late
        }

        /// Every way `pieces` fragments read row by row can come from 2 to 8 columns of equal height,
        /// the first column starting up to 3 rows late and the last ending early.
        static func candidates(pieces m: Int) -> [Arrangement] {
            var result: [Arrangement] = []
            guard m >= 3 else { return result }
            for n in 2...max(2, min(8, m - 2)) {
                for late in 0...3 {
                    // every column but the last holds two pieces or more: a lone piece would only
                    // shed a join that reads badly
                    let shortest = max(2, late + 2)
                    guard shortest <= m else { continue }
                    for height in shortest...m {
                        let last = m - (height - late) - (n - 2) * height
                        guard last >= 1, last <= height else { continue }
                        var columns = [[Int]](repeating: [], count: n)
                        var next = 0
                        for row in 0..<height {
                            for c in 0..<n {
                                if c == 0 && row < late { continue }
                                if c == n - 1 && row >= last { continue }
                                columns[c].append(next)
                                next += 1
                            }
                        }
                        result.append(Arrangement(columns: columns, complexity: n - 2 + late, late: late))
                    }
                }
            }
            return result
        }
    }

    /// How an arrangement reads: the mean join score, the number of joins, and how many joins differ
    /// from reading order, with their mean score.
    struct Reading {
        var average: Double
        var joins: Int
        var changed: Int
        var changedAverage: Double
    }

    /// Reads `arrangement` down each column, and from each column's last piece into the next
    /// column's first: an article runs on from column to column, and that join alone tells the
    /// order of the columns.
    func score(
        _ s: [Unicode.Scalar], _ pieces: [Range<Int>], _ arrangement: Arrangement, _ memo: inout JoinCache
    ) -> Reading {
        var total = 0.0
        var joins = 0
        var changedTotal = 0.0
        var changed = 0
        // every join is between two pieces next to each other in reading order
        let order = arrangement.order
        for k in order.indices.dropFirst() {
            let from = order[k - 1]
            let to = order[k]
            let value = memo.score(from, to) { scorer.score(s, pieces[from], pieces[to]) } - memo.exitCost[from]
            total += value
            joins += 1
            if to != from + 1 {
                changedTotal += value
                changed += 1
            }
        }
        return Reading(
            average: joins == 0 ? 0 : total / Double(joins), joins: joins, changed: changed,
            changedAverage: changed == 0 ? 0 : changedTotal / Double(changed))
    }

    private func reorder(_ block: NormalizedText, _ pieces: [Range<Int>], _ arrangement: Arrangement) -> Restored {
        let s = block.scalars
        var out = NormalizedText()
        out.scalars.reserveCapacity(s.count)
        out.origins.reserveCapacity(s.count)
        var joins: [Int] = []
        var previous: Range<Int>? = nil
        for column in arrangement.columns {
            for (k, index) in column.enumerated() {
                let piece = pieces[index]
                if let previous {
                    // Within a column fragments join; between columns only when the text clearly goes on.
                    if k == 0 && scorer.score(s, previous, piece) < 0 {
                        out.append("\n", origin: block.origins[piece.lowerBound])
                    } else {
                        joins.append(out.count)
                    }
                }
                for i in piece { out.append(s[i], origin: block.origins[i]) }
                previous = piece
            }
        }
        return Restored(text: out, joins: joins)
    }

    /// Joins back pieces that one fragment's spacing around a number cut apart ("达到 2493 斤"): a
    /// short piece that reads on into its neighbour, when the two together are about a column wide.
    private func mergeSpacing(_ pieces: [Range<Int>], in s: [Unicode.Scalar], width: Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for piece in pieces {
            // Neither part may be a full line already: "农村居民人 6万人。" is a line and a paragraph's end.
            if let last = result.last, last.upperBound + 1 == piece.lowerBound, s[piece.lowerBound].isASCIIDigit,
                (piece.upperBound - last.lowerBound) * 100 <= width * 135,
                (last.count * 100 < width * 85 && piece.count * 100 < width * 85)
                    || piece.upperBound - last.lowerBound <= width + 1,
                scorer.score(s, last, piece) >= 0
            {
                result[result.count - 1] = last.lowerBound..<piece.upperBound
            } else {
                result.append(piece)
            }
        }
        return result
    }

    static func pieces(of s: [Unicode.Scalar], separators: [Int]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for separator in separators {
            if separator > start { result.append(start..<separator) }
            start = separator + 1
        }
        if start < s.count { result.append(start..<s.count) }
        return result
    }

    static func median(_ values: [Int]) -> Int {
        guard !values.isEmpty else { return 0 }
        return values.sorted()[values.count / 2]
    }
}
