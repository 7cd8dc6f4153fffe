import XCTest

@testable import BulletinIntake
@testable import BulletinParser

final class TableTests: XCTestCase {
    private func lines(_ table: String) throws -> [String] {
        try Intake.read(Array("<html><body>\(table)</body></html>".utf8)).text.components(separatedBy: "\n\n")
    }

    func testTable_headerNamesColumnsAndRowsBecomeSentences() throws {
        let table = """
            <table><tr><td>产品名称</td><td>单位</td><td>产量</td><td>比上年增长(%)</td></tr>
            <tr><td>粮食</td><td>万吨</td><td>38.6</td><td>2.1</td></tr>
            <tr><td>油料</td><td>万吨</td><td>1,200.5</td><td>-3.5</td></tr></table>
            """
        XCTAssertEqual(try lines(table), ["粮食产量38.6万吨,比上年增长2.1%。", "油料产量1200.5万吨,比上年增长-3.5%。"])
    }

    func testTable_mergedCellsAndTwoRowHeaders() throws {
        let table = """
            <table><caption>表2 2023年规模以上工业主要产品产量</caption>
            <tr><th rowspan="2">指标</th><th colspan="2">2023年</th></tr>
            <tr><th>绝对数(亿千瓦时)</th><th>比重(%)</th></tr>
            <tr><td>发电量</td><td>168.6</td><td>12.5</td></tr></table>
            """
        XCTAssertEqual(try lines(table), ["表2 2023年规模以上工业主要产品产量", "发电量168.6亿千瓦时,发电量占比12.5%。"])
    }

    func testTable_rowsReadAsIndicatorsByTheParser() throws {
        let table = """
            <table><tr><td>指标</td><td>单位</td><td>绝对数</td><td>比上年增长(%)</td></tr>
            <tr><td>其中：玉米</td><td>万吨</td><td>128.6</td><td>4.1</td></tr></table>
            """
        let text = try Intake.read(Array("<html><body>\(table)</body></html>".utf8)).text
        let found = try BulletinParser(options: .init(year: 2023)).parse(text: text).indicators
        XCTAssertEqual(
            found.map { "\($0.subject)|\($0.kind.rawValue)|\($0.value)|\($0.unit)" },
            ["玉米|level|128.6|万吨", "玉米|growth|4.1|%"])
    }

    func testTable_withoutFigures_keepsItsText() throws {
        XCTAssertEqual(
            try lines("<table><tr><td>单位名称</td><td>地址</td></tr><tr><td>统计局</td><td>中心路</td></tr></table>"),
            ["单位名称", "地址", "统计局", "中心路"])
    }
}

final class TextTableTests: XCTestCase {
    func testText_alignedTableAfterACaptionBecomesSentences() throws {
        let text = """
            全年粮食总产量40.2亿斤。

            表1  2023年主要农产品产量及其增长速度
            产品名称    单位    产量    比上年增长(%)
            粮食        万吨    38.6    2.1
            油料        万吨    1.2     -3.5

            年末户籍总人口48.62万人。
            """
        let document = try Intake.read(Array(text.utf8))
        XCTAssertTrue(document.text.hasSuffix("粮食产量38.6万吨,比上年增长2.1%。\n\n油料产量1.2万吨,比上年增长-3.5%。"), document.text)
    }

    func testText_withoutACaption_addsNothing() throws {
        let text = "粮食        万吨    38.6    2.1\n"
        XCTAssertEqual(try Intake.read(Array(text.utf8)).text, text)
    }
}
