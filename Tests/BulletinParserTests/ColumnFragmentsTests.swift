import XCTest

@testable import BulletinParser

final class ColumnFragmentsTests: XCTestCase {
    private let interleaved =
        "全市财政民生支出占比达70.5%,城乡居民人均可支配 \"全国无偿献血先进市\"。成立内蒙古西辽河流域考古研究基 收入分别增长5.2%和8.3%。建立\"政校企\"培训联盟,解决本 地,举办首届西辽河文化节等系列文旅节事活动460余场。"

    func testFragments_inColumnsReadAcross_areDetected() {
        XCTAssertTrue(ColumnFragments(Array(interleaved.unicodeScalars)).isInterleaved)
    }

    func testFragments_inOrdinaryText_areNotDetected() {
        let text = "全市地区生产总值完成1609亿元,增长5.2%。 实施重点项目612个,固 定资产投资增长24.3%,增速连续两年居全区第一方阵。签约引进千万元以上项目591个,到位资金 384.6亿元。"
        XCTAssertFalse(ColumnFragments(Array(text.unicodeScalars)).isInterleaved)
    }

    func testParse_withLayoutOff_whenSubjectWouldCrossAColumn_dropsTheFigureRatherThanMisreadIt() throws {
        let list = try BulletinParser(options: .init(layout: false)).parse(text: interleaved).indicators
        XCTAssertFalse(list.contains { $0.value == "5.2" || $0.value == "8.3" }, "\(summary(list))")
        XCTAssertEqual(try only(list, "民生支出占比", .share).value, "70.5")
        XCTAssertEqual(try only(list, "文旅节事活动", .level).value, "460")
    }

    func testParse_withLayout_readsTheListAcrossTheColumnsItRestored() throws {
        let list = try indicators(interleaved)
        XCTAssertEqual(try only(list, "城镇居民人均可支配收入", .growth).value, "5.2")
        XCTAssertEqual(try only(list, "农村居民人均可支配收入", .growth).value, "8.3")
    }
}
