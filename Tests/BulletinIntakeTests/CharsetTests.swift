import XCTest

@testable import BulletinIntake

final class CharsetTests: XCTestCase {
    private let gbkGrowth: [UInt8] = [0xD4, 0xF6, 0xB3, 0xA4]

    func testLabel_gbFamilyAllReadAsGB18030() {
        for label in ["gb2312", "GBK", "x-gbk", "gb18030", "cp936", " GB2312 "] {
            XCTAssertEqual(Charset(label: label), .gb18030, label)
        }
        XCTAssertEqual(Charset(label: "big5"), .big5)
        XCTAssertNil(Charset(label: "koi8-r"))
    }

    func testDetect_byteOrderMarkWins() {
        XCTAssertEqual(CharsetDetector.detect([0xEF, 0xBB, 0xBF] + gbkGrowth).charset, .utf8)
        XCTAssertEqual(CharsetDetector.detect([0xFF, 0xFE, 0x30, 0x00]).charset, .utf16LE)
    }

    func testDetect_whenPageSaysGB2312ButIsUTF8_readsUTF8() {
        let page = Array("<meta charset=\"gb2312\"><p>增长5.2%</p>".utf8)
        XCTAssertEqual(CharsetDetector.detect(page).charset, .utf8)
    }

    func testDetect_readsMetaCharsetAndHttpEquiv() {
        let meta = Array("<meta charset='GBK'>".utf8) + gbkGrowth
        XCTAssertEqual(CharsetDetector.detect(meta).reason, "meta charset")
        let equiv =
            Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">".utf8) + [0xA4, 0xA4, 0xFF]
        XCTAssertEqual(CharsetDetector.detect(equiv).charset, .big5)
    }

    func testDetect_whenHeaderGivesCharset_usesIt() {
        XCTAssertEqual(CharsetDetector.detect(gbkGrowth, headerCharset: "gb2312").reason, "HTTP header")
    }

    func testDetect_whenNothingIsDeclaredAndBytesAreNotUTF8_readsGB18030() {
        XCTAssertEqual(CharsetDetector.detect(gbkGrowth).charset, .gb18030)
    }

    func testDecode_readsCharactersOutsideGB2312() throws {
        // 镕 (U+9555) is in GBK but not GB2312; 𠀀 (U+20000) only in GB18030's four-byte range
        let bytes: [UInt8] = [0xE9, 0x46, 0x95, 0x32, 0x82, 0x36]
        let (text, replaced) = try TextDecoder.decode(bytes, as: .gb18030)
        XCTAssertEqual(text, "镕\u{20000}")
        XCTAssertEqual(replaced, 0)
    }

    func testDecode_whenBytesAreInvalid_replacesThemAndCounts() throws {
        let (text, replaced) = try TextDecoder.decode(gbkGrowth + [0xFF] + gbkGrowth + [0xD4], as: .gb18030)
        XCTAssertEqual(text, "增长\u{FFFD}增长\u{FFFD}")
        XCTAssertEqual(replaced, 2)
    }

    func testDecode_readsBig5() throws {
        XCTAssertEqual(try TextDecoder.decode([0xBC, 0x57, 0xAA, 0xF8], as: .big5).text, "增長")
    }
}
