import XCTest

@testable import BulletinParser

final class ChineseNumeralTests: XCTestCase {
    func testParse_whenPercentIsWrittenInChinese_readsDecimal() throws {
        let list = try indicators("地区生产总值增长百分之五点二。")
        XCTAssertEqual(summary(list), ["地区生产总值|growth|5.2|%"])
    }

    func testParse_whenAmountIsWrittenInChinese_keepsMagnitudeAsWritten() throws {
        let list = try indicators("全年完成固定资产投资一千二百亿元。")
        XCTAssertEqual(summary(list), ["固定资产投资|level|1200|亿元"])
    }

    func testParse_whenYearIsWrittenDigitByDigit_usesItAsPeriod() throws {
        let list = try indicators("二〇二三年,全市粮食总产量40.2亿斤。")
        XCTAssertEqual(list.first?.period, "2023")
    }

    func testNormalize_neverRewritesFreeText() {
        let parser = BulletinParser()
        for text in ["一般公共预算收入", "社会消费品零售总额", "扎实开展八五普法", "七项重点工作", "十四五规划", "二十届二中全会", "两件大事", "千万元以上项目"] {
            XCTAssertEqual(parser.normalizedText(of: text), text + "\n")
        }
    }

    func testIntegerValue_readsPositionalNumerals() {
        let cases: [(String, Int)] = [
            ("一千二百", 1200), ("十二", 12), ("二〇二三", 2023), ("三万五千", 35000), ("一亿二千万", 120_000_000), ("两百零五", 205),
        ]
        for (text, value) in cases {
            XCTAssertEqual(ChineseNumerals.integerValue(Array(text.unicodeScalars)), value, text)
        }
    }

    func testRender_keepsTrailingMagnitude() {
        XCTAssertEqual(ChineseNumerals.render(Array("三千万".unicodeScalars)), "3000万")
        XCTAssertEqual(ChineseNumerals.render(Array("五点二亿".unicodeScalars)), "5.2亿")
    }
}
