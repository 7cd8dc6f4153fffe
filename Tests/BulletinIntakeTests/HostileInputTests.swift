import Foundation
import XCTest
import ZIPFoundation

@testable import BulletinIntake

final class HostileInputTests: XCTestCase {
    private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    func testDOCX_whenDocumentInflatesPastTheLimit_stopsWithAClearError() throws {
        // 16 MB of spaces deflate to a few KB: a small bomb against a 1 MB limit
        let archive = try Archive(data: Data(), accessMode: .create)
        let size: Int64 = 16 * 1024 * 1024
        try archive.addEntry(
            with: "word/document.xml", type: .file, uncompressedSize: size, compressionMethod: .deflate,
            provider: { (position: Int64, count: Int) -> Data in
                Data(repeating: 0x20, count: min(count, Int(size - position)))
            })
        let bytes = Array(archive.data!)
        XCTAssertLessThan(bytes.count, 200_000)
        let started = Date()
        XCTAssertThrowsError(try DOCXReader.read(bytes, limit: 1024 * 1024)) { error in
            XCTAssertTrue("\(error)".contains("inflates past 1 MB"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    func testDOCX_whenArchiveHasNoDocument_saysItIsNoDocx() throws {
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(
            with: "hello.txt", type: .file, uncompressedSize: Int64(2), compressionMethod: .none,
            provider: { (_: Int64, _: Int) -> Data in Data("hi".utf8) })
        XCTAssertThrowsError(try Intake.read(Array(archive.data!))) { error in
            XCTAssertTrue("\(error)".contains("word/document.xml"), "\(error)")
        }
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
