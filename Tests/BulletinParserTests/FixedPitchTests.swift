import XCTest

@testable import BulletinParser

/// Pages set at a fixed pitch, every line of a column exactly one width, whose separating spaces
/// went missing now and then.
final class FixedPitchTests: XCTestCase {
    private let paragraph =
        "全年全市进出口总额862.5亿元,比上年增长5.1%。其中,出口总额598.3亿元,增长8.7%;进口总额264.2亿元,下降2.3%。对外承包工程完成营业额12.4亿元。"

    /// The paragraph in lines of `width`, dealt into two columns and read across, with the space
    /// inside each row left out.
    private func gluedRows(width: Int) -> String {
        let s = Array(paragraph.unicodeScalars)
        var lines: [String] = []
        var i = 0
        while i < s.count {
            lines.append(String(String.UnicodeScalarView(s[i..<min(i + width, s.count)])))
            i += width
        }
        let height = (lines.count + 1) / 2
        var rows: [String] = []
        for r in 0..<height {
            rows.append(lines[r] + (r + height < lines.count ? lines[r + height] : ""))
        }
        return rows.joined(separator: " ")
    }

    private func squash(_ text: String) -> String { text.filter { !$0.isWhitespace } }

    func testFragments_whenMostSpacesAreMissing_areKnownByTheirPitch() {
        // lines of 20 glued in twos, with a paragraph's last line of 1: fragments of 40, 1, 20, 40, 20
        let s = Array((paragraph + "全年实际使用外资3.6亿美元,增长16.4%,新设外商投资企业42家。").unicodeScalars)
        let line = { (k: Int) in String(String.UnicodeScalarView(s[(k * 20)..<min(k * 20 + 20, s.count)])) }
        XCTAssertEqual(s.count, 6 * 20 + 1)
        let page = [line(0) + line(1), line(6), line(2), line(3) + line(4), line(5)].joined(separator: " ")
        let fragments = ColumnFragments(Array(page.unicodeScalars))
        XCTAssertFalse(fragments.isInterleaved, "too few fragments are one width for steady columns")
        XCTAssertEqual(fragments.fixedPitch()?.pitch, 20)
    }

    func testLayout_whenTheSpacesInsideRowsAreMissing_restoresTheParagraph() {
        // Every row glued: the width comes from the one row that holds a single line.
        for width in [19, 20, 21] {
            let page = gluedRows(width: width)
            XCTAssertEqual(
                squash(BulletinParser().normalizedText(of: page)), squash(paragraph), "width \(width): \(page)")
        }
    }

    func testFragments_inOrdinaryTextWithSpaces_haveNoPitch() {
        for text in [
            "2023年 全市地区生产总值完成1609亿元,增长5.2%。 实施重点项目612个,增速连续两年居全区第一方阵。",
            "单位地区生产总值能耗下降3.2% 空气质量优良天数比例达到88.6% 比上年提高2.1个百分点",
        ] {
            XCTAssertNil(ColumnFragments(Array(text.unicodeScalars)).fixedPitch(), text)
        }
    }

    func testSplit_twoGluedLines_putTheShortLineWhereTheStopsDoNotMeet() {
        // a full line of 18 glued after a paragraph's last line; both parts end with a full stop
        let text = "量分别增长3.1%和下降2.4%。" + ",城镇调查失业率控制在5.1%以内。"
        let s = Array(text.unicodeScalars)
        let layout = ColumnLayout(scorer: JoinScorer(bigrams: KeyTable()))
        let lines = layout.splitExact(0..<s.count, in: s, width: 18)
        XCTAssertEqual(lines?.map(\.count), [17, 18])
    }

    func testSplit_aLineWithASpaceOfItsOwn_staysOneLine() {
        // "收入 98.6" is a space of the text; the space before "规模" is where two lines meet
        let text = "一般公共预算收入 98.6亿元,增长8.9% 规模以上工业增加值增长8.3%。"
        let s = Array(text.unicodeScalars)
        let layout = ColumnLayout(scorer: JoinScorer(bigrams: KeyTable()))
        let lines = layout.splitExact(0..<s.count, in: s, width: 22)
        XCTAssertEqual(
            lines?.map { String(String.UnicodeScalarView(s[$0])) }, ["一般公共预算收入 98.6亿元,增长8.9%", "规模以上工业增加值增长8.3%。"])
    }

    func testJoin_twoStopsInARow_neverJoin_andAFigureGoesOnToItsList() {
        XCTAssertLessThan(join("下降2.4%。", ",城镇调查"), 0)
        XCTAssertGreaterThan(join("分别增长3.1%", "和下降2.4%"), 0)
        XCTAssertLessThan(join("分别增长3.1%", "城镇就业"), 0)
        XCTAssertGreaterThan(join("312.6万人,", "比上年末减少"), 0)
    }
}

final class KeyTableTests: XCTestCase {
    func testTable_countsKeys_acrossGrowth_andKeepsZeroApart() {
        var table = KeyTable()
        for key in 1...5000 { table.add(UInt64(key) &* 0x1_0000_0001) }
        table.add(0)
        table.add(0)
        table.add(77 &* 0x1_0000_0001)
        XCTAssertEqual(table.count(of: 77 &* 0x1_0000_0001), 2)
        XCTAssertEqual(table.count(of: 4999 &* 0x1_0000_0001), 1)
        XCTAssertEqual(table.count(of: 0), 2)
        XCTAssertFalse(table.contains(5001 &* 0x1_0000_0001))
    }
}
