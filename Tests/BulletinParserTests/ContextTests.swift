import XCTest

@testable import BulletinParser

final class ContextTests: XCTestCase {
    private let report = """
        2024年政府工作报告

        一、2023年工作回顾
        过去一年,全市地区生产总值增长6.1%。新建5G基站1860个。

        二、2024年主要预期目标
        今年经济社会发展的主要预期目标是:地区生产总值增长6%左右,城镇新增就业3万人以上。

        三、2024年重点工作
        新建5G基站1200个。预计全年接待游客2500万人次。
        """

    func testParse_inWorkReport_reviewIsActualForLastYearAndPlansAreTargetsForThisYear() throws {
        let result = try BulletinParser().parse(text: report)
        XCTAssertEqual(result.documentKind, .workReport)
        XCTAssertEqual(result.documentYear, 2024)
        let rows = result.indicators.map { "\($0.value)|\($0.status.rawValue)|\($0.period ?? "-")" }
        XCTAssertEqual(
            rows,
            [
                "6.1|actual|2023", "1860|actual|2023", "6|target|2024", "3|target|2024", "1200|target|2024",
                "2500|target|2024",
            ])
    }

    func testParse_whenSentenceSaysPredicted_marksEstimate() throws {
        let list = try indicators("过去一年,工作成效明显。预计全年地区生产总值增长5.5%。", year: 2024)
        XCTAssertEqual(list.first?.status, .estimate)
    }

    func testParse_inStatisticalBulletin_everyFigureIsActualForTheBulletinYear() throws {
        let text = "河西市2023年国民经济和社会发展统计公报\n\n全年全市地区生产总值1286.4亿元,比上年增长6.1%。年末常住人口312.6万人。"
        let result = try BulletinParser().parse(text: text)
        XCTAssertEqual(result.documentKind, .statisticalBulletin)
        XCTAssertEqual(Set(result.indicators.map(\.status)), [.actual])
        XCTAssertEqual(Set(result.indicators.map(\.period)), ["2023"])
    }

    func testParse_whenYearIsGiven_overridesTheText() throws {
        let result = try BulletinParser(options: .init(year: 2019)).parse(text: "地区生产总值增长6%。")
        XCTAssertEqual(result.documentYear, 2019)
        XCTAssertEqual(result.indicators.first?.period, "2019")
    }

    func testProfile_inReportWithoutTitle_takesTheYearThatOpensThePlan() {
        let text = "2023年是全面贯彻的开局之年。过去一年…2024年是关键一年,力争地区生产总值增长5%,确保粮食安全。"
        let profile = DocumentProfile(text: Array(text.unicodeScalars))
        XCTAssertEqual(profile.kind, .workReport)
        XCTAssertEqual(profile.year, 2024)
    }

    func testParse_whenTargetCueSwitchesMode_laterSentencesStayTargets() throws {
        let text = "2023年,全市新增就业1.2万人。年内实施重点项目100个。新增高新技术企业10家以上。"
        let list = try indicators(text, year: 2024)
        XCTAssertEqual(list.map(\.status), [.actual, .target, .target])
    }
}

final class TargetListTests: XCTestCase {
    func testParse_targetsSetOffBySemicolons_areAllTargets_andTheListEndsWithItsSentence() throws {
        let list = try indicators(
            "2024年全市经济社会发展主要预期目标是：地区生产总值增长5.5%左右；一般公共预算收入增长5%；"
                + "城镇新增就业4万人以上。2024年全市接待游客3500万人次。")
        XCTAssertEqual(list.map(\.status), [.target, .target, .target, .actual])
        XCTAssertEqual(Set(list.map(\.period)), ["2024"])
    }
}

final class DocumentYearTests: XCTestCase {
    func testProfile_whenOnlyHeadingsNameYears_readsTheReportYearFromThem() {
        let text = "政府工作报告\n各位代表:\n一、2023年工作回顾\n过去一年,力争稳中求进。\n二、2024年经济社会发展总体要求和政策取向\n今年发展主要预期目标是:确保增长。"
        let profile = DocumentProfile(text: Array(text.unicodeScalars))
        XCTAssertEqual(profile.kind, .workReport)
        XCTAssertEqual(profile.year, 2024)
    }

    func testProfile_inBulletinWithoutTitle_takesTheMostMentionedYear() {
        let text = "2023年,全县地区生产总值比上年增长6.2%。2023年末户籍人口48万人。规模以上工业增加值增长8%。比2020年增长20%。"
        let profile = DocumentProfile(text: Array(text.unicodeScalars))
        XCTAssertEqual(profile.kind, .statisticalBulletin)
        XCTAssertEqual(profile.year, 2023)
    }
}
