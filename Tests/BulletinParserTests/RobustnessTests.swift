import XCTest

@testable import BulletinParser

final class RobustnessTests: XCTestCase {
    func testParse_whenInputIsEmptyOrBlank_returnsNothing() throws {
        XCTAssertTrue(try indicators("").isEmpty)
        XCTAssertTrue(try indicators(" \n\n\t\u{3000}\n").isEmpty)
    }

    func testParse_whenTextOpensWithAByteOrderMark_ignoresIt() throws {
        XCTAssertEqual(summary(try indicators("\u{FEFF}粮食总产量40.2亿斤。")), ["粮食总产量|level|40.2|亿斤"])
    }

    func testParse_whenOneLineIsHuge_parsesItInBoundedBlocks() throws {
        let sentence = "全市地区生产总值完成1609亿元,增长5.2%。"
        let text = String(repeating: sentence, count: 20_000)  // one 600k-character line
        let list = try indicators(text)
        XCTAssertEqual(list.count, 40_000)
        XCTAssertEqual(Set(list.map(\.subject)), ["地区生产总值"])
    }

    func testParse_whenTextIsPunctuationAndDigitSoup_neverCrashes() throws {
        let soups = [
            "1.", ".1", "1,", ",000", "百分之", "百分之点", "第", "1+", "万亿", "%%%", "1%1%1%", "分别、、和", "\"\"\"1\"",
            "0000000000000000000000000000001亿元",
        ]
        for soup in soups { _ = try indicators(soup) }
    }

    func testBlocks_neverExceedTheLimit() {
        let text = Array(String(repeating: "字", count: 100_000).unicodeScalars)
        for block in BulletinParser.blocks(of: text) {
            XCTAssertLessThanOrEqual(block.reduce(0) { $0 + $1.count }, BulletinParser.maxBlockLength)
        }
    }
}
