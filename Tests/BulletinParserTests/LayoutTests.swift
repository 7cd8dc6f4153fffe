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

    func testLayout_onGeneratedColumns_preservesTheIndicatorsOfTheCleanText() throws {
        let paragraphs = try paragraphs()
        XCTAssertGreaterThan(paragraphs.count, 10)
        var expected = 0
        var preserved = 0
        var wrong = 0
        var emitted = 0
        var rng = SeededGenerator(seed: 2024)
        for trial in 0..<120 {
            // a page: four paragraphs, each set in its own columns
            var clean = ""
            var page = ""
            for k in 0..<4 {
                let paragraph = paragraphs[(trial * 4 + k) % paragraphs.count]
                let columns = Int.random(in: 2...4, using: &rng)
                let width = Int.random(in: 16...30, using: &rng)
                var generator = InterleaveGenerator(
                    columns: columns, width: width, rng: SeededGenerator(seed: UInt64(trial * 4 + k) &* 7919))
                clean += paragraph + "\n\n"
                page += generator.interleave(paragraph) + "\n\n"
            }
            let cleanKeys = keys(try indicators(clean, year: 2024))
            var found = keys(try indicators(page, year: 2024))
            expected += cleanKeys.count
            emitted += found.count
            for key in cleanKeys {
                if let at = found.firstIndex(of: key) {
                    preserved += 1
                    found.remove(at: at)
                }
            }
            wrong += found.count
        }
        let share = Double(preserved) / Double(max(expected, 1))
        print(
            String(
                format: "layout generator: %d of %d indicators preserved (%.1f%%), %d extra of %d emitted (%.1f%%)",
                preserved, expected, share * 100, wrong, emitted, Double(wrong) * 100 / Double(max(emitted, 1))))
        XCTAssertGreaterThanOrEqual(share, 0.89)
        XCTAssertLessThanOrEqual(Double(wrong) / Double(max(emitted, 1)), 0.08)
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
        for paragraph in try paragraphs() {
            var generator = InterleaveGenerator(columns: 1, width: 22, rng: SeededGenerator(seed: 1))
            generator.heading = 0
            let wrapped = generator.interleave(paragraph)
            let restored = BulletinParser().normalizedText(of: wrapped)
            XCTAssertEqual(restored.filter { $0 != " " && $0 != "\n" }, paragraph.filter { $0 != " " && $0 != "\n" })
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

    func testJoin_comparisonBase_goesOnToItsVerbNotToAFigure() {
        let scorer = JoinScorer(bigrams: [:])
        func join(_ left: String, _ right: String) -> Double {
            let s = Array((left + right).unicodeScalars)
            let cut = left.unicodeScalars.count
            return scorer.score(s, 0..<cut, cut..<s.count)
        }
        XCTAssertGreaterThan(join("全年社会消费品零售总额512.7亿元,比上年", "增长7.4%。"), 1)
        XCTAssertLessThan(join("全年社会消费品零售总额512.7亿元,比上年", "36.2亿元,增长7.1%"), 0)
    }
}
