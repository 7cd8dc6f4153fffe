import Foundation
import XCTest

@testable import BulletinParser

final class LayoutTests: XCTestCase {
    /// Paragraphs of the bundled example bulletins (our own writing), the clean side of the comparison.
    private func paragraphs() throws -> [String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/bulletins")
        var result: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        where name.hasSuffix(".txt") && !name.contains("newspaper") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") where line.unicodeScalars.count >= 80 {
                result.append(
                    BulletinParser().normalizedText(of: String(line)).trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return result
    }

    private func keys(_ list: [Indicator]) -> [String] {
        list.map { "\($0.subject)|\($0.kind.rawValue)|\($0.value)|\($0.unit)" }
    }

    /// Seven seeds of 120 pages, each page four paragraphs set in 2 to 4 columns 16 to 30 wide.
    func testLayout_onGeneratedColumns_preservesTheIndicatorsOfTheCleanText() throws {
        let paragraphs = try paragraphs()
        XCTAssertGreaterThan(paragraphs.count, 10)
        var total = GeneratedScore()
        var lowest = 1.0
        for seed: UInt64 in [2024, 1, 2, 3, 4, 5, 6] {
            let score = try generatedScore(paragraphs, seed: seed, pages: 120)
            print("layout generator, seed \(seed): \(score)")
            lowest = min(lowest, score.share)
            total.add(score)
        }
        print("layout generator: \(total); lowest seed \(String(format: "%.1f%%", lowest * 100))")
        XCTAssertGreaterThanOrEqual(total.share, 0.95)
        XCTAssertLessThanOrEqual(total.extraShare, 0.04)
    }

    /// Paragraphs written apart from the example bulletins and never used to tune the layout stage:
    /// prices, forests, roads, trade, schools, hospitals, harvests, housing, tourism, power, credit.
    func testLayout_onGeneratedColumnsOfUnseenParagraphs_preservesTheIndicators() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/layout-holdout-paragraphs.txt")
        let paragraphs = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertGreaterThanOrEqual(paragraphs.count, 16)
        var total = GeneratedScore()
        for seed: UInt64 in [2024, 1, 2, 3] {
            total.add(try generatedScore(paragraphs, seed: seed, pages: 60))
        }
        print("layout generator, unseen paragraphs: \(total)")
        XCTAssertGreaterThanOrEqual(total.share, 0.95)
        XCTAssertLessThanOrEqual(total.extraShare, 0.04)
    }

    /// Indicators of clean text found again in the same text set in columns.
    struct GeneratedScore: CustomStringConvertible {
        var expected = 0
        var preserved = 0
        var extra = 0
        var emitted = 0
        var share: Double { Double(preserved) / Double(max(expected, 1)) }
        var extraShare: Double { Double(extra) / Double(max(emitted, 1)) }

        mutating func add(_ other: GeneratedScore) {
            expected += other.expected
            preserved += other.preserved
            extra += other.extra
            emitted += other.emitted
        }

        var description: String {
            String(
                format: "%d of %d indicators preserved (%.1f%%), %d extra of %d emitted (%.1f%%)", preserved, expected,
                share * 100, extra, emitted, extraShare * 100)
        }
    }

    private func generatedScore(_ paragraphs: [String], seed: UInt64, pages: Int) throws -> GeneratedScore {
        var score = GeneratedScore()
        var rng = SeededGenerator(seed: seed)
        for trial in 0..<pages {
            // a page: four paragraphs, each set in its own columns
            var clean = ""
            var page = ""
            for k in 0..<4 {
                let paragraph = paragraphs[(trial * 4 + k) % paragraphs.count]
                let columns = Int.random(in: 2...4, using: &rng)
                let width = Int.random(in: 16...30, using: &rng)
                let layoutSeed = UInt64(trial * 4 + k) &* 7919 &+ (seed == 2024 ? 0 : seed &* 104729)
                var generator = InterleaveGenerator(
                    columns: columns, width: width, rng: SeededGenerator(seed: layoutSeed))
                clean += paragraph + "\n\n"
                page += generator.interleave(paragraph) + "\n\n"
            }
            let cleanKeys = keys(try indicators(clean, year: 2024))
            var found = keys(try indicators(page, year: 2024))
            score.expected += cleanKeys.count
            score.emitted += found.count
            for key in cleanKeys {
                if let at = found.firstIndex(of: key) {
                    score.preserved += 1
                    found.remove(at: at)
                }
            }
            score.extra += found.count
        }
        return score
    }

    func testLayout_neverChangesTextThatIsInOrder() throws {
        for paragraph in try paragraphs() {
            let with = try BulletinParser(options: .init(year: 2024, layout: true)).parse(text: paragraph).indicators
            let without = try BulletinParser(options: .init(year: 2024, layout: false)).parse(text: paragraph)
                .indicators
            XCTAssertEqual(with, without)
        }
    }

    func testLayout_whenLinesOfOneColumnAreJoinedBySpaces_keepsTheOrder() throws {
        // every width, with spaces missing now and then: one column set at a fixed pitch stays in order
        for width in 16...30 {
            for (k, paragraph) in try paragraphs().enumerated() {
                var generator = InterleaveGenerator(columns: 1, width: width, rng: SeededGenerator(seed: UInt64(k)))
                generator.heading = 0
                let wrapped = generator.interleave(paragraph)
                let restored = BulletinParser().normalizedText(of: wrapped)
                XCTAssertEqual(
                    restored.filter { $0 != " " && $0 != "\n" }, paragraph.filter { $0 != " " && $0 != "\n" },
                    "width \(width): \(wrapped)")
            }
        }
    }

    func testLayout_restoresTwoColumnsReadAcross() {
        let text =
            "全市地区生产总值完成1609亿元,增长 城镇新增就业1.35万人,完成农牧民转 5.2%。社会消费品零售总额达到344 移就业43.97万人。基本养老、基本医疗 .4亿元,增长4.5%。一般公共预算收入 保险参保率分别达到93%和96.7%。"
        let restored = BulletinParser().normalizedText(of: text)
        XCTAssertTrue(restored.contains("增长5.2%"), restored)
        XCTAssertTrue(restored.contains("1.35万人,完成农牧民转移就业43.97万人"), restored)
        XCTAssertTrue(restored.contains("基本医疗保险参保率"), restored)
    }

    func testLayout_whenAHeadingSplitsTheColumns_joinsTheHalvesAndKeepsTheHeadingApart() {
        // Two columns of three rows; a heading stands between the second and third rows.
        let text = """
            全市地区生产总值完成1609亿元,增长 城镇新增就业1.35万人,完成农牧民转 5.2%。社会消费品零售总额达到344 移就业43.97万人。基本养老、基本医疗

            加快建设现代化产业体系

            .4亿元,增长4.5%。一般公共预算收入 保险参保率分别达到93%和96.7%。
            """
        let restored = BulletinParser().normalizedText(of: text)
        let lines = restored.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "加快建设现代化产业体系", restored)
        XCTAssertTrue(restored.contains("社会消费品零售总额达到344.4亿元,增长4.5%"), restored)
        XCTAssertTrue(restored.contains("基本医疗保险参保率分别达到93%和96.7%"), restored)
    }

    func testLayout_onTheBundledNewspaperPage_keepsTheMastheadAndReadsEveryBlock() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/bulletins/hexi-2024-newspaper.txt")
        let restored = BulletinParser().normalizedText(of: try String(contentsOf: file, encoding: .utf8))
        let lines = restored.split(separator: "\n").map(String.init)
        // a masthead over the columns stays apart from them
        XCTAssertEqual(lines.first, "河西日报 2024年1月20日 第3版")
        // a column's last line shortened by a footnote mark taken out is still a line of its own
        XCTAssertTrue(restored.contains("一般公共预算收入98.6亿元,增长8.9%,税收占比提高到76.2%"), restored)
        XCTAssertTrue(restored.contains("城镇调查失业率控制在5.1%以内。粮食总产量突破40亿斤"), restored)
    }

    func testJoin_comparisonBase_goesOnToItsVerbNotToAFigure() {
        XCTAssertGreaterThan(join("全年社会消费品零售总额512.7亿元,比上年", "增长7.4%。"), 1)
        XCTAssertLessThan(join("全年社会消费品零售总额512.7亿元,比上年", "36.2亿元,增长7.1%"), 0)
    }
}
