/// Reads the figures of normalised blocks, sentence by sentence, into indicators.
struct IndicatorExtractor {
    private(set) var context: ReadingContext

    init(profile: DocumentProfile) {
        context = ReadingContext(profile: profile)
    }

    /// The subject of the last figure in this block, for clauses that do not repeat it.
    private struct Carried {
        var subject: [Unicode.Scalar]
        var textStart: Int
        /// Whether its figure was a share: a change in 百分点 said next belongs to it.
        var isShare = false
    }

    /// One figure of a list, with the zone of words before it.
    private struct Item {
        var mention: Mention
        var zone: PredicateZone
    }

    /// Positions where the layout stage joined two fragments: figures read across them are less sure.
    private var joins: [Int] = []

    /// - Parameters:
    ///   - joins: where the layout stage joined fragments, when it restored this text.
    ///   - fragments: the text's column fragments, when the caller has found them already.
    mutating func extract(
        _ text: NormalizedText, joins: [Int] = [], fragments: ColumnFragments? = nil, into out: inout [Indicator]
    ) {
        let s = text.scalars
        guard !s.isEmpty else { return }
        self.joins = joins
        let quoted = QuoteSpans.mask(s)
        let fragments = fragments ?? ColumnFragments(s)
        var carried: Carried? = nil
        var sentenceStart = 0
        // Clauses set off by ；are one sentence to a reader: "国有控股企业增加值增长5.0%;股份制企业增长5.3%".
        var fullSentenceStart = 0
        while sentenceStart < s.count {
            var sentenceEnd = sentenceStart
            while sentenceEnd < s.count, !s[sentenceEnd].isSentenceEnd { sentenceEnd += 1 }
            sentenceEnd = min(sentenceEnd + 1, s.count)
            let reading = context.read(s, sentenceStart..<sentenceEnd)
            var named: [Carried] = []
            extractSentence(
                text, sentenceStart..<sentenceEnd, reading: reading, quoted: quoted, fragments: fragments,
                fullSentenceStart: fullSentenceStart, carried: &carried, named: &named, into: &out)
            let last = s[sentenceEnd - 1]
            if last != "；" && last != ";" { fullSentenceStart = sentenceEnd }
            sentenceStart = sentenceEnd
        }
    }

    /// - Parameter named: the subjects named so far in this sentence, in order, for a 分别 list
    ///   whose figures belong to the clauses before it.
    private func extractSentence(
        _ text: NormalizedText, _ range: Range<Int>, reading: ReadingContext.Reading, quoted: [Bool],
        fragments: ColumnFragments, fullSentenceStart: Int, carried: inout Carried?, named: inout [Carried],
        into out: inout [Indicator]
    ) {
        let s = text.scalars
        var k = range.lowerBound
        var lastEnd = range.lowerBound
        while k < range.upperBound {
            guard s[k].isASCIIDigit, !Self.continuesNumber(s, at: k) else {
                k += 1
                continue
            }
            guard !quoted[k],
                let first = MentionScanner.read(s, at: k, limit: range.upperBound, requireUnit: false)
            else {
                while k < range.upperBound, s[k].isASCIIDigit || s[k] == "." { k += 1 }
                continue
            }
            let zone = PredicateZone(s, before: first.numberRange.lowerBound, bound: lastEnd)
            var items = [Item(mention: first, zone: zone)]
            if zone.respectively || !first.hasUnit {
                items += listContinuation(s, after: first, limit: range.upperBound, quoted: quoted)
                fillUnits(&items)
            }
            items = items.filter {
                $0.mention.hasUnit && !Self.isThreshold($0.mention, in: s) && !Self.isExchangeBase($0.mention, in: s)
            }
            guard let lastItem = items.last else {
                while k < range.upperBound, s[k].isASCIIDigit || s[k] == "." { k += 1 }
                continue
            }
            emit(
                items, text: text, zone: zone, bound: lastEnd, sentenceStart: fullSentenceStart, reading: reading,
                fragments: fragments, carried: &carried, named: &named, into: &out)
            k = lastItem.mention.end
            lastEnd = k
        }
    }

    /// The figures that continue a list after `first`: "、5.9个百分点", "和下降2.1%".
    private func listContinuation(_ s: [Unicode.Scalar], after first: Mention, limit: Int, quoted: [Bool]) -> [Item] {
        var items: [Item] = []
        var end = first.end
        while items.count < 12 {
            var p = end
            while p < limit, s[p].isInlineSpace { p += 1 }
            guard p < limit else { break }
            if s[p] == "、" || s[p] == "和" || s[p] == "及" || s[p] == "与" || s[p] == "," {
                p += 1
            } else if s.matches(Array("以及".unicodeScalars), at: p) {
                p += 2
            } else {
                break
            }
            while p < limit, s[p].isInlineSpace { p += 1 }
            let zoneStart = p
            for _ in 0..<3 {
                if let v = Lexicon.increaseVerbs.longestPrefix(in: s, at: p) ?? Lexicon.decreaseVerbs.longestPrefix(
                    in: s, at: p)
                    ?? Lexicon.preQualifiers.longestPrefix(in: s, at: p)
                {
                    p += v
                } else {
                    break
                }
            }
            while p < limit, s[p].isInlineSpace { p += 1 }
            guard p < limit, s[p].isASCIIDigit, !quoted[p],
                let next = MentionScanner.read(s, at: p, limit: limit, requireUnit: false)
            else { break }
            var zone = PredicateZone(s, before: next.numberRange.lowerBound, bound: zoneStart)
            zone.start = zoneStart
            items.append(Item(mention: next, zone: zone))
            end = next.end
        }
        return items
    }

    /// "分别提高0.9、5.9个百分点": the unit written last belongs to every figure before it.
    private func fillUnits(_ items: inout [Item]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 2, through: 0, by: -1) where !items[index].mention.hasUnit {
            items[index].mention.unit = items[index + 1].mention.unit
            items[index].mention.baseUnit = items[index + 1].mention.baseUnit
        }
    }

    private func emit(
        _ items: [Item], text: NormalizedText, zone: PredicateZone, bound: Int, sentenceStart: Int,
        reading: ReadingContext.Reading, fragments: ColumnFragments, carried: inout Carried?,
        named: inout [Carried], into out: inout [Indicator]
    ) {
        let s = text.scalars
        let first = items[0].mention
        let subjectEnd = zone.start
        let walkedStart = SubjectReader.start(in: s, endingAt: subjectEnd, bound: bound)
        var confidence = 0.95
        // In columns read across whose order could not be restored, a subject that reaches a fragment
        // boundary may begin mid-word or belong to another column: no reading beats a wrong one.
        var subjectStart = walkedStart
        if fragments.isInterleaved,
            let separator = fragments.lastSeparator(in: subjectStart..<first.numberRange.lowerBound)
                ?? s[subjectStart..<first.numberRange.lowerBound].lastIndex(where: \.isInlineSpace)
        {
            // The fragment may start mid-word: keep what follows the boundary only when it starts a
            // word or a quoted name, and never for 分别 lists, whose parts stand in another line.
            guard !zone.respectively, separator < subjectEnd, Self.startsCleanly(s, at: separator + 1, end: subjectEnd)
            else { return }
            subjectStart = separator + 1
            confidence = 0.6
        } else if s[subjectStart..<subjectEnd].contains(where: \.isInlineSpace) {
            confidence -= 0.15
        }
        var subject = SubjectReader.clean(s, subjectStart..<subjectEnd)
        var textStart = subjectStart
        // "地区生产总值由286亿元增加到412亿元": the figure after 由 is where the subject started, years
        // before; only the one it reached speaks for this period. The subject goes on to that one.
        if items.count == 1, let before = SubjectReader.beforeFrom(subject), Self.leadsOn(s, after: first.end) {
            carried = Carried(subject: before, textStart: subjectStart)
            if named.last?.subject != before { named.append(Carried(subject: before, textStart: subjectStart)) }
            return
        }
        // A figure before a measured noun: "60%的行政嘎查村", "9个旗县市区实现…", "345兆瓦时储能设备".
        let lastMention = items[items.count - 1].mention
        if items.count == 1, let after = SubjectReader.after(s, from: lastMention.end, limit: s.count),
            first.baseUnit != "%" || s[lastMention.end] == "的",
            !fragments.crosses(first.numberRange.lowerBound..<min(after.upperBound + 1, s.count))
        {
            if Lexicon.timeUnits.contains(first.baseUnit) { return }  // "15分钟健身圈" names a thing
            subject = SubjectReader.clean(s, after)
            textStart = min(subjectStart, first.numberRange.lowerBound)
            confidence = 0.75
            let end = after.upperBound
            append(
                items[0], subject: subject, zone: zone, reading: reading, text: text, textRange: textStart..<end,
                item: nil, confidence: confidence, into: &out)
            return
        }
        let lastNumber = lastMention.numberRange.lowerBound
        if Lexicon.bareVerbs.contains(String(scalars: subject)) { return }  // "落地189个" with nothing measured after it
        // A subject from an earlier clause never crosses a column boundary.
        var fromEarlierClause = false
        if subject.isEmpty {
            // "…比重为63.18%,比上年末提高0.54个百分点": a change in points is the share's, said just before
            let points = first.baseUnit == "百分点" || first.baseUnit == "个百分点"
            let share = points ? named.last.flatMap { $0.isShare ? $0 : nil } : nil
            guard let c = share ?? carried, !fragments.crosses(c.textStart..<lastNumber) else { return }
            subject = c.subject
            textStart = c.textStart
            confidence = 0.85
            fromEarlierClause = true
        } else if subject.count < 2 || !subject.contains(where: { $0.isHan || $0.isASCIILetter }) {
            return  // one stray character is a column fragment, not a subject
        } else {
            // An elliptical subject ("占全国就业人员比重", "总量", "农村居民") is completed from the clause
            // before, in the same sentence only.
            if let c = carried, c.textStart >= sentenceStart, !fragments.crosses(c.textStart..<lastNumber),
                let completed = SubjectReader.complete(subject, after: c.subject)
            {
                subject = completed
                if completed.starts(with: c.subject) {
                    textStart = c.textStart
                } else {
                    // a parallel subject (农村居民 → 农村居民人均可支配收入) is what the next clause speaks of;
                    // an extension of the last one (占…比重) is not
                    carried = Carried(subject: completed, textStart: subjectStart)
                }
            } else {
                carried = Carried(subject: subject, textStart: subjectStart)
            }
            if named.last?.subject != subject { named.append(Carried(subject: subject, textStart: textStart)) }
        }
        var parts = zone.respectively ? SubjectReader.split(subject, into: items.count) : nil
        // "肉类总产量12.6万吨,禽蛋产量4.3万吨,分别增长3.4%和5.9%": the figures of a 分别 list with
        // no subject of its own belong, in order, to the subjects of the clauses before it.
        if parts == nil, zone.respectively, fromEarlierClause, named.count >= items.count {
            let owners = Array(named.suffix(items.count))
            if Set(owners.map { String(scalars: $0.subject) }).count == items.count,
                !fragments.crosses(owners[0].textStart..<lastNumber)
            {
                parts = owners.map { String(scalars: $0.subject) }
                textStart = owners[0].textStart
            }
        }
        var kindsSeen: [IndicatorKind: Int] = [:]
        let firstEmitted = out.count
        var previousDirection = zone.direction
        for (index, item) in items.enumerated() {
            var itemZone = index == 0 ? zone : item.zone
            if itemZone.direction == 0 {
                itemZone.direction = previousDirection
                itemZone.reachesLevel = zone.reachesLevel
            }
            previousDirection = itemZone.direction
            let itemSubject = parts.map { Array($0[index].unicodeScalars) } ?? subject
            let kind = Self.kind(of: item.mention, zone: itemZone, subject: itemSubject).kind
            kindsSeen[kind, default: 0] += 1
            let listed = items.count > 1 && parts == nil
            append(
                item, subject: itemSubject, zone: itemZone, reading: reading, text: text,
                textRange: textStart..<item.mention.end, item: listed ? index + 1 : nil,
                confidence: items.count > 1 ? confidence - 0.05 : confidence, into: &out)
        }
        if out.count > firstEmitted, out[out.count - 1].kind == .share, let last = named.last,
            last.subject == Array(out[out.count - 1].subject.unicodeScalars)
        {
            named[named.count - 1].isShare = true
        }
        // Items of one list with different kinds (达到3.7个、增长49.8%) need no position.
        if kindsSeen.values.allSatisfy({ $0 == 1 }) {
            for offset in firstEmitted..<out.count { out[offset].item = nil }
        }
    }

    private func append(
        _ item: Item, subject: [Unicode.Scalar], zone: PredicateZone, reading: ReadingContext.Reading,
        text: NormalizedText, textRange: Range<Int>, item position: Int?, confidence: Double,
        into out: inout [Indicator]
    ) {
        let m = item.mention
        let (kind, sign) = Self.kind(of: m, zone: zone, subject: subject)
        let status = reading.status
        let qualifier = zone.qualifier ?? m.qualifier
        let source = text.sourceRange(textRange)
        let acrossJoin = joins.contains { textRange.lowerBound < $0 && $0 < textRange.upperBound }
        let sureness = acrossJoin ? min(confidence, 0.8) : confidence
        out.append(
            Indicator(
                subject: String(scalars: subject), kind: kind,
                value: Self.signed(m.digits, sign), upper: m.upper.map { Self.signed($0, sign) }, unit: m.unit,
                qualifier: qualifier, period: reading.period,
                status: status, text: text.scalars.string(textRange).trimmingSpaces, start: source.lowerBound,
                end: source.upperBound, item: position, confidence: (sureness * 100).rounded() / 100))
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\n" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\n" { scalars.removeLast() }
        return String(scalars)
    }
}
