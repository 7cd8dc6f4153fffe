import Foundation
import XCTest

final class ParseCommandTests: XCTestCase {
    private var examples: URL { CommandRunner.packageRoot.appendingPathComponent("Examples/bulletins") }

    func testParse_onSharedReport_meetsTheQualityBar() throws {
        let fixture = CommandRunner.shared.appendingPathComponent("fixtures/tongliao-2024-work-report.txt")
        let gold = CommandRunner.shared.appendingPathComponent("eval/tongliao-2024-gold.json")
        let scorer = CommandRunner.shared.appendingPathComponent("eval/score.py")
        guard FileManager.default.fileExists(atPath: fixture.path) else {
            throw XCTSkip("../shared is not beside the checkout")
        }
        let parsed = try CommandRunner.run(["parse", fixture.path, "--format", "jsonl"])
        XCTAssertEqual(parsed.status, 0, parsed.stderr)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("bulletind-e2e-\(getpid()).jsonl")
        try Data(parsed.stdout.utf8).write(to: output)
        defer { try? FileManager.default.removeItem(at: output) }

        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", scorer.path, gold.path, output.path, "--json"]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        let score = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let tiers = try XCTUnwrap(score["recall_by_tier"] as? [String: Double])
        XCTAssertGreaterThanOrEqual(score["precision"] as? Double ?? 0, 0.95, "\(score)")
        XCTAssertGreaterThanOrEqual(tiers["clean"] ?? 0, 0.95, "\(score)")
        XCTAssertGreaterThanOrEqual(score["status_accuracy"] as? Double ?? 0, 0.90, "\(score)")
        XCTAssertGreaterThanOrEqual(score["qualifier_accuracy"] as? Double ?? 0, 0.90, "\(score)")
        XCTAssertEqual(score["negative_hits"] as? Int, 0, "\(score)")
    }

    func testParse_jsonlHasOneObjectPerLineWithTheDocumentedFields() throws {
        let outcome = try CommandRunner.run(
            ["parse", examples.appendingPathComponent("hexi-2024-work-report.txt").path, "--format", "jsonl"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let lines = outcome.stdout.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 20)
        for line in lines {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for field in ["subject", "kind", "value", "unit", "qualifier", "period", "status", "text", "start", "end"] {
                XCTAssertNotNil(object[field], "missing \(field) in \(line)")
            }
        }
    }

    func testParse_readsStandardInput() throws {
        let outcome = try CommandRunner.run(
            ["parse", "-", "--format", "csv", "--year", "2024"], stdin: Data("粮食总产量40.2亿斤。".utf8))
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("粮食总产量,level,40.2,,亿斤,,2024,"), outcome.stdout)
    }

    func testParse_whenFileIsMissing_failsWithOneLine() throws {
        let outcome = try CommandRunner.run(["parse", "/nonexistent/report.txt"])
        XCTAssertNotEqual(outcome.status, 0)
        XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("no such file"), outcome.stderr)
    }

    func testParse_whenInputIsGBKWithoutDeclaration_readsItAsGB18030() throws {
        let gbk: [UInt8] = [
            0xC1, 0xB8, 0xCA, 0xB3, 0xD7, 0xDC, 0xB2, 0xFA, 0xC1, 0xBF, 0x34, 0x30, 0x2E, 0x32, 0xD2, 0xDA, 0xBD, 0xEF,
        ]
        let outcome = try CommandRunner.run(["parse", "-", "--format", "csv"], stdin: Data(gbk))  // 粮食总产量40.2亿斤
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("粮食总产量,level,40.2,,亿斤"), outcome.stdout)
    }

    func testParse_whenBytesCannotBeDecoded_warnsOnOneLineAndGoesOn() throws {
        let outcome = try CommandRunner.run(
            ["parse", "-", "--charset", "gb18030", "--format", "csv"], stdin: Data([0xC1, 0xB8, 0xFF, 0x80, 0x30]))
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stderr.hasPrefix("warning: -: "), outcome.stderr)
        XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, outcome.stderr)
    }

    func testParse_whenInputIsBinary_failsWithOneLine() throws {
        let outcome = try CommandRunner.run(
            ["parse", "-"], stdin: Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00]))
        XCTAssertNotEqual(outcome.status, 0)
        XCTAssertTrue(outcome.stderr.contains("binary"), outcome.stderr)
        XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, outcome.stderr)
    }

    func testParse_whenInputIsLegacyWord_saysUnsupportedFormat() throws {
        let outcome = try CommandRunner.run(
            ["parse", "-"], stdin: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00]))
        XCTAssertNotEqual(outcome.status, 0)
        XCTAssertTrue(outcome.stderr.contains("unsupported format"), outcome.stderr)
    }

    func testParse_whenInputIsEmpty_printsNoIndicators() throws {
        let outcome = try CommandRunner.run(["parse", "-", "--format", "jsonl"], stdin: Data())
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.stdout, "")
    }

    func testParse_showText_printsTheNormalisedText() throws {
        let outcome = try CommandRunner.run(["parse", "-", "--show-text"], stdin: Data("增长５．２％[2]".utf8))
        XCTAssertEqual(outcome.stdout, "增长5.2% \n")
    }
}

final class LayoutCommandTests: XCTestCase {
    func testParse_onNewspaperRendition_findsWhatTheCleanReportSays() throws {
        let folder = CommandRunner.packageRoot.appendingPathComponent("Examples/bulletins")
        let clean = try CommandRunner.run(
            ["parse", folder.appendingPathComponent("hexi-2024-work-report.txt").path, "--format", "csv"])
        let paper = try CommandRunner.run(
            ["parse", folder.appendingPathComponent("hexi-2024-newspaper.txt").path, "--format", "csv"])
        let off = try CommandRunner.run(
            ["parse", folder.appendingPathComponent("hexi-2024-newspaper.txt").path, "--format", "csv", "--no-layout"])
        func rows(_ csv: String) -> Set<String> {
            Set(
                csv.split(separator: "\r\n").dropFirst().map {
                    $0.split(separator: ",").prefix(5).joined(separator: ",")
                })
        }
        let restored = rows(paper.stdout)
        XCTAssertGreaterThanOrEqual(restored.count, 25)
        let agreeing = restored.intersection(rows(clean.stdout)).count
        XCTAssertGreaterThanOrEqual(
            Double(agreeing) / Double(restored.count), 0.9, "\(restored.subtracting(rows(clean.stdout)))")
        XCTAssertLessThan(rows(off.stdout).count, restored.count / 2)
    }
}
