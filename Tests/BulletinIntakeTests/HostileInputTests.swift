import Foundation
import XCTest

@testable import BulletinIntake

final class HostileInputTests: XCTestCase {
    private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    func testDOCX_whenDocumentInflatesPastTheLimit_stopsWithAClearError() throws {
        // bomb.docx: 16 MB of spaces deflated to a few KB (made with Python's zipfile)
        let bytes = Array(try Data(contentsOf: fixtures.appendingPathComponent("bomb.docx")))
        XCTAssertLessThan(bytes.count, 100_000)
        let started = Date()
        XCTAssertThrowsError(try DOCXReader.read(bytes, limit: 1024 * 1024)) { error in
            XCTAssertTrue("\(error)".contains("inflates past 1 MB"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    func testDOCX_whenArchiveHasNoDocument_saysItIsNoDocx() throws {
        let bytes = Array(try Data(contentsOf: fixtures.appendingPathComponent("no-document.docx")))
        XCTAssertThrowsError(try Intake.read(bytes)) { error in
            XCTAssertTrue("\(error)".contains("word/document.xml"), "\(error)")
        }
    }

    func testDOCX_storedAndDeflatedEntriesRead() throws {
        let bytes = Array(try Data(contentsOf: fixtures.appendingPathComponent("hexi-2023-bulletin.docx")))
        let entries = try ZIPStructure.entries(bytes)
        XCTAssertTrue(entries.contains { $0.name == "word/document.xml" && $0.method == 8 })
        XCTAssertTrue(try DOCXReader.read(bytes).text.contains("粮食总产量40.2亿斤"))
    }

    func testPDF_whenTruncated_failsWithAOneLineError() throws {
        guard PDFReader.locate("pdftotext") != nil else { throw XCTSkip("pdftotext (poppler-utils) is not installed") }
        let pdf = Array(try Data(contentsOf: fixtures.appendingPathComponent("hexi-2023-bulletin.pdf")))
        XCTAssertThrowsError(try Intake.read(Array(pdf.prefix(pdf.count / 2)))) { error in
            XCTAssertTrue("\(error)".contains("truncated or damaged"), "\(error)")
            XCTAssertFalse("\(error)".contains("\n"))
        }
    }

    func testPDF_cleaningDropsPageNumbersAndRunningHeaders() {
        let text = "河西市统计局\n第一段 内容 增长 6.1%\n- 1 -\n河西市统计局\n第二段\n第 2 页\n河西市统计局\n12"
        XCTAssertEqual(PDFReader.clean(text), "第一段内容增长6.1%\n第二段")
    }

    func testFormat_isToldFromContent() {
        XCTAssertEqual(DocumentFormat.detect(Array("%PDF-1.7".utf8)), .pdf)
        XCTAssertEqual(DocumentFormat.detect([0x50, 0x4B, 0x03, 0x04]), .docx)
        XCTAssertEqual(DocumentFormat.detect([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), .legacyWord)
        XCTAssertEqual(DocumentFormat.detect(Array("<!DOCTYPE html><p>x</p>".utf8)), .html)
        XCTAssertEqual(DocumentFormat.detect(Array("全市地区生产总值增长5.2%".utf8)), .text)
        XCTAssertEqual(DocumentFormat.detect([], contentType: "application/pdf"), .pdf)
    }
}

final class DamagedArchiveTests: XCTestCase {
    private let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    /// Found by libFuzzer: a mutated .docx that crashed ZIPFoundation's in-memory reader.
    func testDOCX_whenCentralDirectoryIsDamaged_failsWithoutCrashing() throws {
        let bytes = Array(try Data(contentsOf: corpus.appendingPathComponent("crash-zipfoundation-memoryfile.docx")))
        XCTAssertThrowsError(try Intake.read(bytes)) { error in
            XCTAssertTrue("\(error)".contains("ZIP archive"), "\(error)")
        }
    }

    func testZIPStructure_acceptsAWellFormedDocx() throws {
        let fixtures = corpus.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
        XCTAssertNoThrow(
            try ZIPStructure.check(
                Array(try Data(contentsOf: fixtures.appendingPathComponent("hexi-2023-bulletin.docx")))))
    }

    func testZIPStructure_rejectsTruncationAndJunk() {
        XCTAssertThrowsError(try ZIPStructure.check([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 40)))
        XCTAssertThrowsError(try ZIPStructure.check([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0xFF, count: 18)))
    }
}

final class ByteLevelTests: XCTestCase {
    func testRead_whenBytesAreBinary_failsAsBinaryAtTheOffset() {
        XCTAssertThrowsError(try Intake.read([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])) { error in
            XCTAssertEqual(error as? IntakeError, .binaryData(offset: 4))
        }
    }

    func testRead_whenUTF8HasABadByte_readsTheRestAsGB18030WithAWarningOrReplacement() throws {
        let document = try Intake.read(Array("增长".utf8) + [0xC3, 0x28])
        XCTAssertFalse(document.text.isEmpty)
    }

    func testRead_withByteOrderMark_dropsIt() throws {
        XCTAssertEqual(try Intake.read([0xEF, 0xBB, 0xBF] + Array("增长".utf8)).text, "增长")
    }

    func testRead_whenEmpty_returnsEmptyText() throws {
        XCTAssertEqual(try Intake.read([]).text, "")
    }
}
