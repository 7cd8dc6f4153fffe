import XCTest

@testable import BulletinParser

final class FormatterTests: XCTestCase {
    private let sample = Indicator(
        subject: "地区生产总值", kind: .growth, value: "5.2", unit: "%", qualifier: "左右", period: "2024",
        status: .target, text: "地区生产总值增长5.2%左右,\"稳\"字当头", start: 3, end: 20)

    func testJSONLine_hasTheEvaluatedFieldsInOrder() throws {
        let line = IndicatorFormatter.jsonLine(sample)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(object["subject"] as? String, "地区生产总值")
        XCTAssertEqual(object["kind"] as? String, "growth")
        XCTAssertEqual(object["value"] as? String, "5.2")
        XCTAssertEqual(object["qualifier"] as? String, "左右")
        XCTAssertEqual(object["status"] as? String, "target")
        XCTAssertEqual(object["text"] as? String, sample.text)
        XCTAssertTrue(object["item"] is NSNull)
        XCTAssertTrue(line.hasPrefix("{\"subject\":"))
    }

    func testCSV_quotesFieldsWithCommasAndQuotes() {
        let csv = IndicatorFormatter.csv([sample])
        XCTAssertTrue(
            csv.hasPrefix("subject,kind,value,upper,unit,qualifier,period,status,text,start,end,item,confidence\r\n"))
        XCTAssertTrue(csv.contains("\"地区生产总值增长5.2%左右,\"\"稳\"\"字当头\""))
    }

    func testTable_alignsWideCharacters() {
        let table = IndicatorFormatter.table([sample])
        XCTAssertTrue(table.contains("5.2 %左右"))
        XCTAssertTrue(table.hasSuffix("1 indicator\n"))
    }
}
