/// Turns the text of a Chinese government bulletin into indicators.
///
/// ```swift
/// let parser = BulletinParser()
/// let result = try parser.parse(text: "2023年,全市地区生产总值完成1609亿元,增长5.2%。")
/// for indicator in result.indicators {
///     print(indicator.subject, indicator.kind, indicator.value, indicator.unit)
/// }
/// // 全市地区生产总值 level 1609 亿元
/// // 全市地区生产总值 growth 5.2 %
/// ```
///
/// The parser is pure: no network, no files, no shared state. One value may parse many documents
/// from many threads.
public struct BulletinParser: Sendable {
    public struct Options: Sendable {
        /// The year the document speaks for, when the text does not say (`--year`).
        public var year: Int?
        /// The document's title from its metadata, which often names the year and the genre.
        public var title: String?
        /// Restore the reading order of text whose columns were read across (`--no-layout` turns it off).
        public var layout: Bool

        public init(year: Int? = nil, title: String? = nil, layout: Bool = true) {
            self.year = year
            self.title = title
            self.layout = layout
        }
    }

    public var options: Options

    /// The version of the extraction rules; stored with indicators so history can be re-parsed.
    public static let version = "0.1.0"

    /// Blocks longer than this are cut at a sentence end, so a 100 MB line costs bounded memory.
    static let maxBlockLength = 20_000

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Parses a document's text.
    public func parse(text: String) throws -> ParseResult {
        var indicators: [Indicator] = []
        let profile = parse(text: text) { indicators.append($0) }
        return ParseResult(indicators: indicators, documentYear: profile.year, documentKind: profile.kind)
    }

    /// Parses a document's text, handing each indicator to `sink` as soon as its block is read,
    /// so a large document never holds all its indicators at once.
    ///
    /// ```swift
    /// var growth = 0
    /// let profile = BulletinParser().parse(text: text) { if $0.kind == .growth { growth += 1 } }
    /// ```
    @discardableResult
    public func parse(text: String, each sink: (Indicator) throws -> Void) rethrows -> DocumentProfile {
        let source = Array(text.unicodeScalars)
        let profile = DocumentProfile(text: source, title: options.title, yearOverride: options.year)
        var extractor = IndicatorExtractor(profile: profile)
        var batch: [Indicator] = []
        try forEachBlock(of: source) { block in
            extractor.extract(block.text, joins: block.joins, fragments: block.fragments, into: &batch)
            for indicator in batch { try sink(indicator) }
            batch.removeAll(keepingCapacity: true)
        }
        return profile
    }

    /// The text the extractor reads: normalised, footnote marks out, wrapped lines joined, one block a line.
    public func normalizedText(of text: String) -> String {
        var out = String.UnicodeScalarView()
        forEachBlock(of: Array(text.unicodeScalars)) { block in
            out.append(contentsOf: block.text.scalars)
            out.append("\n")
        }
        return String(out)
    }

    /// A block as the extractor reads it: normalised and, when its columns were read across, restored.
    private struct ReadyBlock {
        var text: NormalizedText
        /// Where the layout stage joined fragments (empty when it changed nothing).
        var joins: [Int] = []
        /// The block's column fragments, when the text is the normalised block itself.
        var fragments: ColumnFragments?
    }

    /// Normalises each block of `source` and restores its reading order where the layout stage can.
    private func forEachBlock(of source: [Unicode.Scalar], _ body: (ReadyBlock) throws -> Void) rethrows {
        var normalizer = TextNormalizer()
        var layout = LazyLayout(source: source, enabled: options.layout)
        let list = Self.blocks(of: source)
        // Blocks normalised ahead, while looking past a heading; each is normalised once.
        var ahead: [Int: NormalizedText] = [:]
        func block(_ index: Int) -> NormalizedText {
            if let known = ahead[index] { return known }
            let text = normalizer.normalize(source, lines: list[index])
            ahead[index] = text
            return text
        }
        var i = 0
        while i < list.count {
            let normalized = block(i)
            ahead[i] = nil
            let fragments = ColumnFragments(normalized.scalars)
            if options.layout, fragments.isInterleaved || normalized.count <= 8 * 40 + 8,
                let (merged, headings, end) = mergeAcrossHeadings(normalized, fragments, at: i, of: list.count, block),
                let restored = layout.restore(merged, fragments: ColumnFragments(merged.scalars))
            {
                for heading in headings {
                    try body(ReadyBlock(text: heading, fragments: ColumnFragments(heading.scalars)))
                }
                try body(ReadyBlock(text: restored.text, joins: restored.joins))
                for used in i..<end { ahead[used] = nil }
                i = end
                continue
            }
            if let restored = layout.restore(normalized, fragments: fragments) {
                try body(ReadyBlock(text: restored.text, joins: restored.joins))
            } else {
                try body(ReadyBlock(text: normalized, fragments: fragments))
            }
            i += 1
        }
    }

    /// A heading set between two rows splits one set of columns into two blocks, each read across
    /// on its own. When the blocks around a heading-like line (short, one fragment) are both
    /// columns of about the same width, they are one text: joined here, with the headings apart.
    /// Returns nil when there is nothing to join; `end` is the index of the first block not used.
    private func mergeAcrossHeadings(
        _ first: NormalizedText, _ fragments: ColumnFragments, at index: Int, of count: Int,
        _ block: (Int) -> NormalizedText
    ) -> (merged: NormalizedText, headings: [NormalizedText], end: Int)? {
        var merged = first
        // A first block too short to tell (the top row alone) takes its width from the rows after.
        var width = fragments.isInterleaved ? fragments.medianWidth(count: first.count) : 0
        var headings: [NormalizedText] = []
        var next = index + 1
        while next + 1 < count {
            let heading = block(next)
            guard (2...40).contains(heading.count), !heading.scalars.contains(where: \.isInlineSpace) else { break }
            let following = block(next + 1)
            let followingFragments = ColumnFragments(following.scalars)
            let followingWidth = followingFragments.medianWidth(count: following.count)
            // The rows after the heading: columns of the same width, or a last row or two too short
            // to tell by themselves (fragments no wider than a column).
            if width == 0 {
                // The top row alone may be too short to tell: the rows after it give the width, or
                // else its widest piece does (its lines are full ones but for the last column's).
                // a row holds a full line (only a paragraph's last is short): a masthead does not
                let longest = first.scalars.split(whereSeparator: \.isInlineSpace).map(\.count).max() ?? 0
                let guess = followingFragments.isInterleaved ? followingWidth : longest
                guard guess >= 12, longest * 100 >= guess * 80, Self.isShortRows(first.scalars, width: guess) else {
                    break
                }
                width = guess
            }
            let sameColumns = followingFragments.isInterleaved && abs(followingWidth - width) * 100 <= width * 20
            guard sameColumns || Self.isShortRows(following.scalars, width: width) else { break }
            merged.append(" ", origin: following.origins.first ?? merged.origins.last ?? 0)
            for k in 0..<following.count { merged.append(following.scalars[k], origin: following.origins[k]) }
            headings.append(heading)
            width = ColumnFragments(merged.scalars).medianWidth(count: merged.count)
            next += 2
        }
        return headings.isEmpty ? nil : (merged, headings, next)
    }

    /// Whether `s` is one or two rows of columns `width` wide: pieces between spaces, none wider
    /// than a column, at least two; or, set at a fixed pitch, lines glued where the spaces went
    /// missing: every piece a whole number of widths but for one.
    static func isShortRows(_ s: [Unicode.Scalar], width: Int) -> Bool {
        guard width > 0, s.count <= 8 * width + 8 else { return false }
        let pieces = s.split(whereSeparator: \.isInlineSpace)
        guard pieces.count <= 8 else { return false }
        if pieces.count >= 2 && pieces.allSatisfy({ $0.count * 100 <= width * 115 }) { return true }
        guard s.count * 100 >= width * 115 else { return false }
        let whole = pieces.filter { $0.count % width == 0 }.count
        return whole >= 1 && whole + 1 >= pieces.count
    }

    /// Groups the lines of `source` into blocks: a paragraph, or the lines of one wrapped sentence.
    ///
    /// A line joins the next when it is long and does not end a sentence, as lines cut by a page
    /// width do; short lines (headings, captions) and blank lines stand alone.
    static func blocks(of source: [Unicode.Scalar]) -> [[Range<Int>]] {
        var blocks: [[Range<Int>]] = []
        var current: [Range<Int>] = []
        var currentLength = 0
        var lineStart = 0
        func flush() {
            if !current.isEmpty { blocks.append(current) }
            current = []
            currentLength = 0
        }
        func addLine(_ line: Range<Int>) {
            let trimmed = trim(line, in: source)
            guard !trimmed.isEmpty else {
                flush()
                return
            }
            if let previous = current.last, !continues(previous, in: source) { flush() }
            for piece in cut(trimmed, in: source) {
                if currentLength + piece.count > maxBlockLength { flush() }
                current.append(piece)
                currentLength += piece.count
            }
        }
        var i = 0
        while i < source.count {
            let c = source[i]
            if c == "\n" || c == "\r" || c == "\u{2028}" || c == "\u{2029}" {
                addLine(lineStart..<i)
                if c == "\r", i + 1 < source.count, source[i + 1] == "\n" { i += 1 }
                lineStart = i + 1
            }
            i += 1
        }
        addLine(lineStart..<source.count)
        flush()
        return blocks
    }

    private static func trim(_ line: Range<Int>, in s: [Unicode.Scalar]) -> Range<Int> {
        var a = line.lowerBound
        var b = line.upperBound
        while a < b, isBlank(s[a]) { a += 1 }
        while b > a, isBlank(s[b - 1]) { b -= 1 }
        return a..<b
    }

    private static func isBlank(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\u{3000}" || c == "\u{A0}" || c == "\u{FEFF}" || c == "\u{0C}"
    }

    /// Whether the line `line` runs on into the next one.
    private static func continues(_ line: Range<Int>, in s: [Unicode.Scalar]) -> Bool {
        guard line.count >= 20, let last = line.last.map({ s[$0] }) else { return false }
        return !"。！？；：!?;:”\"」』)）".unicodeScalars.contains(last)
    }

    /// Splits a very long line at sentence ends so no block exceeds ``maxBlockLength``.
    private static func cut(_ line: Range<Int>, in s: [Unicode.Scalar]) -> [Range<Int>] {
        guard line.count > maxBlockLength else { return [line] }
        var pieces: [Range<Int>] = []
        var start = line.lowerBound
        while line.upperBound - start > maxBlockLength {
            var end = start + maxBlockLength
            var k = end
            while k > start + maxBlockLength / 2, !s[k - 1].isSentenceEnd { k -= 1 }
            if k > start + maxBlockLength / 2 { end = k }
            pieces.append(start..<end)
            start = end
        }
        pieces.append(start..<line.upperBound)
        return pieces
    }
}
