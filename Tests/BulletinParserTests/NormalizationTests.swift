import XCTest

@testable import BulletinParser

final class NormalizationTests: XCTestCase {
    func testParse_whenDigitsAndPunctuationAreFullWidth_readsThemAsASCII() throws {
        let list = try indicators("全市地区生产总值完成１２８６．４亿元，增长６．１％。")
        XCTAssertEqual(summary(list), ["地区生产总值|level|1286.4|亿元", "地区生产总值|growth|6.1|%"])
    }

    func testParse_whenRatioColonIsU2236_treatsItAsColonNotAsNumber() throws {
        let list = try indicators("三次产业结构为12.3∶35.6∶52.1。")
        XCTAssertTrue(list.isEmpty, "\(summary(list))")
    }

    func testParse_whenFootnoteMarkIsGluedToValue_keepsTheValueWhole() throws {
        for mark in ["[2]", "【4】", "（3）", "(3)", "②", "〔1〕"] {
            let list = try indicators("国内生产总值\(mark)1210207亿元。")
            XCTAssertEqual(summary(list), ["国内生产总值|level|1210207|亿元"], "mark \(mark)")
        }
    }

    func testParse_whenSpacesAndLineBreaksSplitAWord_joinsTheSubject() throws {
        let list = try indicators("实施重点项目612个,固 定资产投资增长24.3%。社会消费品零\n售总额完成344.4亿元。")
        XCTAssertEqual(try only(list, "固定资产投资", .growth).value, "24.3")
        XCTAssertEqual(try only(list, "社会消费品零售总额", .level).value, "344.4")
    }

    func testParse_whenNumberHasThousandsSeparators_removesThem() throws {
        let list = try indicators("全年进出口总额1,234,567万元,增长3.5%。")
        XCTAssertEqual(try only(list, "进出口总额", .level).value, "1234567")
    }

    func testParse_whenZeroWidthCharactersHideInText_ignoresThem() throws {
        let list = try indicators("粮食总产量\u{200B}40.2\u{200B}亿斤。")
        XCTAssertEqual(summary(list), ["粮食总产量|level|40.2|亿斤"])
    }

    func testParse_offsetsPointIntoTheOriginalText() throws {
        let text = "前言。\n\n全市地区生产总值[2]１６０９亿元，增长５.２％。"
        let list = try indicators(text)
        let scalars = Array(text.unicodeScalars)
        for indicator in list {
            let quoted = String(String.UnicodeScalarView(scalars[indicator.start..<indicator.end]))
            XCTAssertTrue(quoted.hasPrefix("全市地区生产总值"), quoted)
        }
        XCTAssertTrue(String(String.UnicodeScalarView(scalars[list[1].start..<list[1].end])).hasSuffix("５.２％"))
    }

    func testNormalizedText_joinsWrappedLinesButKeepsShortHeadingsApart() {
        let text = "一、综合\n全市地区生产总值完成一千二百亿元，比上年增长百分\n之五点二，增速居全省前列。"
        let normalized = BulletinParser().normalizedText(of: text)
        XCTAssertTrue(normalized.hasPrefix("一、综合\n"), normalized)
    }
}

final class TraditionalTextTests: XCTestCase {
    func testParse_onTraditionalMirrorWithPinyin_readsNumbersUnitsAndDirections() throws {
        let text = "全市常住人口312.87萬(wàn)人，比上年增長(zhǎng)0.5%；地區生產總值1609億元，下降1.2%，預計以內。"
        let list = try indicators(text)
        XCTAssertEqual(
            summary(list),
            ["常住人口|level|312.87|万人", "常住人口|growth|0.5|%", "地区生产总值|level|1609|亿元", "地区生产总值|growth|-1.2|%"])
    }

    func testNormalize_keepsParenthesesThatAreNoPinyin() {
        XCTAssertEqual(BulletinParser().normalizedText(of: "执业(助理)医师"), "执业(助理)医师\n")
        XCTAssertEqual(BulletinParser().normalizedText(of: "指数(CPI)"), "指数(CPI)\n")
    }
}
