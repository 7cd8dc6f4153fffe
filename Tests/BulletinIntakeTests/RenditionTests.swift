import Foundation
import XCTest

@testable import BulletinIntake
@testable import BulletinParser

/// The same bulletin of our own writing, as text, as UTF-8 HTML and as GB18030 HTML labelled gb2312.
final class RenditionTests: XCTestCase {
    private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The GB18030 page labelled gb2312 is the one `make run` shows, in Examples/.
    private func url(_ name: String) -> URL {
        name.hasSuffix("gb2312.html")
            ? fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "Examples/bulletins/\(name)")
            : fixtures.appendingPathComponent(name)
    }

    private func indicators(_ name: String) throws -> [String] {
        let bytes = Array(try Data(contentsOf: url(name)))
        let document = try Intake.read(bytes)
        let result = try BulletinParser(options: .init(title: document.title)).parse(text: document.text)
        return result.indicators.map { "\($0.subject)|\($0.kind.rawValue)|\($0.value)|\($0.unit)|\($0.period ?? "-")" }
    }

    func testRenditions_htmlPDFAndDOCXGiveTheSameIndicators() throws {
        let html = try indicators("hexi-2023-bulletin.html")
        XCTAssertEqual(try indicators("hexi-2023-bulletin.docx"), html)
        guard PDFReader.locate("pdftotext") != nil else { throw XCTSkip("pdftotext (poppler-utils) is not installed") }
        XCTAssertEqual(Set(try indicators("hexi-2023-bulletin.pdf")), Set(html))
    }

    func testRenditions_htmlInUTF8AndInGB18030GiveTheSameIndicators() throws {
        let utf8 = try indicators("hexi-2023-bulletin.html")
        let gb = try indicators("hexi-2023-bulletin-gb2312.html")
        XCTAssertEqual(utf8, gb)
        XCTAssertGreaterThanOrEqual(utf8.count, 20)
    }

    func testRenditions_htmlFindsEverythingTheTextSaysAndTheTableBesides() throws {
        let text = try indicators("hexi-2023-bulletin.txt")
        let html = try indicators("hexi-2023-bulletin.html")
        XCTAssertEqual(Set(text).subtracting(html), [])
        XCTAssertTrue(html.contains("玉米产量|level|128.6|万吨|2023"), "\(html)")
        XCTAssertFalse(html.contains { $0.contains("访问量") || $0.contains("12345") }, "\(html)")
    }

    func testRenditions_gbPageDeclaredGB2312IsDecodedAsGB18030() throws {
        let bytes = Array(try Data(contentsOf: url("hexi-2023-bulletin-gb2312.html")))
        let document = try Intake.read(bytes)
        XCTAssertEqual(document.charset, .gb18030)
        XCTAssertEqual(document.warnings, [])
        XCTAssertEqual(document.title, "河西市2023年国民经济和社会发展统计公报_河西市统计局")
    }
}
