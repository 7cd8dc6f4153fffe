import BulletinParser
import Foundation
import XCTest

@testable import BulletinStore

final class TargetCheckTests: StoreTestCase {
    private func report(_ source: String, year: Int, text: String, region: String = "河西市") throws -> Snapshot {
        let indicators = try BulletinParser(options: .init(year: year, title: "河西市\(year)年政府工作报告"))
            .parse(text: text).indicators
        var snapshot = Snapshot(
            sourceId: source, url: "https://example.gov.cn/\(source).html", content: Array(text.utf8),
            indicators: indicators)
        snapshot.region = region
        snapshot.title = "河西市\(year)年政府工作报告"
        return snapshot
    }

    private let targets2024 = """
        2024年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇调查失业率控制在5.5%以内，\
        一般公共预算收入增长5%，单位地区生产总值能耗下降2.5%左右。
        """

    func testLaterReport_actualsAgainstEarlierTargets_raiseMetAndMissedOnce() throws {
        let store = try openStore()
        _ = try store.record(try report("hexi-2024", year: 2024, text: targets2024))
        let actuals2024 = """
            2024年，全市地区生产总值增长5.8%，城镇调查失业率为5.1%，一般公共预算收入增长4.2%，\
            单位地区生产总值能耗下降3.0%。
            """
        _ = try store.record(try report("hexi-2025", year: 2025, text: actuals2024))
        let events = try store.events(source: "hexi-2025").filter { $0.type.hasPrefix("target.") }
        let judged = try events.map { try Event.decode($0.payload) }
        let bySubject = Dictionary(judged.map { ($0.indicator!.subject, $0) }) { a, _ in a }
        XCTAssertEqual(bySubject["地区生产总值"]?.type, "target.met", "5.8 is within 5 % of 6%左右")
        XCTAssertEqual(bySubject["地区生产总值"]?.target?.qualifier, "左右")
        XCTAssertEqual(bySubject["地区生产总值"]?.target?.sourceId, "hexi-2024")
        XCTAssertEqual(bySubject["地区生产总值"]?.indicator?.old, "6")
        XCTAssertEqual(bySubject["地区生产总值"]?.indicator?.new, "5.8")
        XCTAssertEqual(bySubject["城镇调查失业率"]?.type, "target.met", "5.1 is within 5.5%以内")
        XCTAssertEqual(bySubject["一般公共预算收入"]?.type, "target.missed", "4.2 < 5")
        XCTAssertEqual(bySubject["单位地区生产总值能耗"]?.type, "target.met", "a decline of 3.0 beats 2.5")

        // The same actuals again (a revision elsewhere in the document) raise nothing new.
        _ = try store.record(try report("hexi-2025", year: 2025, text: actualsAgainWithAnotherSentence))
        let again = try store.events(source: "hexi-2025").filter { $0.type.hasPrefix("target.") }
        XCTAssertEqual(again.count, events.count)
    }

    private let actualsAgainWithAnotherSentence = """
        2024年，全市地区生产总值增长5.8%，城镇调查失业率为5.1%，一般公共预算收入增长4.2%，\
        单位地区生产总值能耗下降3.0%。新建5G基站1860个。
        """

    func testOtherRegion_targetsAreNotCompared() throws {
        let store = try openStore()
        _ = try store.record(try report("hexi-2024", year: 2024, text: targets2024))
        _ = try store.record(
            try report("other-2025", year: 2025, text: "2024年，全市地区生产总值增长5.8%。", region: "别的市"))
        XCTAssertTrue(try store.events(source: "other-2025").allSatisfy { !$0.type.hasPrefix("target.") })
    }

    func testRule_qualifiersDecideTheDirection() {
        XCTAssertTrue(TargetCheck.met(actual: 6, target: 6, upper: nil, qualifier: "以上"))
        XCTAssertFalse(TargetCheck.met(actual: 5.9, target: 6, upper: nil, qualifier: "以上"))
        XCTAssertTrue(TargetCheck.met(actual: 5.71, target: 6, upper: nil, qualifier: "左右"))
        XCTAssertFalse(TargetCheck.met(actual: 5.6, target: 6, upper: nil, qualifier: "左右"))
        XCTAssertTrue(TargetCheck.met(actual: 5.5, target: 5.5, upper: nil, qualifier: "以内"))
        XCTAssertFalse(TargetCheck.met(actual: 5.6, target: 5.5, upper: nil, qualifier: "以内"))
        XCTAssertTrue(TargetCheck.met(actual: -3, target: -2.5, upper: nil, qualifier: nil))
        XCTAssertFalse(TargetCheck.met(actual: -2, target: -2.5, upper: nil, qualifier: nil))
        XCTAssertTrue(TargetCheck.met(actual: 5.2, target: 5, upper: 6, qualifier: nil))
    }
}
