import Foundation
import XCTest

/// The store commands as a user runs them, on our example report and its revision.
final class StoreCommandTests: XCTestCase {
    private var state = ""
    private let report = CommandRunner.packageRoot.appendingPathComponent(
        "Examples/bulletins/hexi-2024-work-report.txt"
    ).path
    private let revised = CommandRunner.packageRoot.appendingPathComponent(
        "Examples/bulletins/hexi-2024-work-report-revised.txt"
    ).path

    override func setUpWithError() throws {
        state = FileManager.default.temporaryDirectory.appendingPathComponent("cli-store-\(UUID().uuidString)").path
        let ingest = try CommandRunner.run(["ingest", "--state", state, "hexi-report", report, revised, revised])
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        let lines = ingest.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[0].contains("stored hexi-report v1"), ingest.stdout)
        XCTAssertTrue(lines[1].contains("stored hexi-report v2"), ingest.stdout)
        XCTAssertTrue(lines[2].contains("unchanged, still hexi-report v2"), ingest.stdout)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: state)
    }

    func testDiff_showsTheRevisedGDPWithItsDelta() throws {
        let diff = try CommandRunner.run(["diff", "--state", state, "hexi-report"])
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertTrue(
            diff.stdout.contains("~ 2023 地区生产总值 [level, actual]: 1286.4 → 1292.8 亿元 (+6.4, +0.50%)"), diff.stdout)
        let jsonl = try CommandRunner.run(["diff", "--state", state, "hexi-report", "--format", "jsonl"])
        let first =
            try JSONSerialization.jsonObject(with: Data(jsonl.stdout.split(separator: "\n")[0].utf8)) as! [String: Any]
        XCTAssertEqual(first["change"] as? String, "changed")
        XCTAssertEqual(first["old"] as? String, "1286.4")
        XCTAssertEqual(first["new"] as? String, "1292.8")
    }

    func testHistory_ofOneIndicator_givesOneJSONObjectAVersion() throws {
        let history = try CommandRunner.run(
            ["history", "--state", state, "hexi-report", "--indicator", "地区生产总值", "--format", "jsonl"])
        XCTAssertEqual(history.status, 0, history.stderr)
        let lines = history.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let second = try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as! [String: Any]
        XCTAssertEqual(second["version"] as? Int, 2)
        let values = (second["indicators"] as! [[String: Any]]).map { $0["value"] as! String }
        XCTAssertTrue(values.contains("1292.8"), "\(values)")
    }

    func testExport_csvStartsWithABOMAndHasARowPerIndicatorPerVersion() throws {
        let export = try CommandRunner.run(["export", "--state", state])
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertEqual(Array(export.stdoutBytes.prefix(3)), [0xEF, 0xBB, 0xBF], "a UTF-8 BOM for Excel")
        XCTAssertTrue(export.stdout.hasPrefix("source,version,fetched_at") || export.stdout.hasPrefix("\u{FEFF}source"))
        let rows = export.stdout.split(separator: "\r\n").count - 1
        let versions = try CommandRunner.run(["history", "--state", state, "hexi-report", "--format", "csv"])
        let counts = versions.stdout.split(separator: "\n").dropFirst().map { Int($0.split(separator: ",")[5])! }
        XCTAssertEqual(rows, counts.reduce(0, +))
    }

    func testEventsAndVerify_afterARevision() throws {
        let events = try CommandRunner.run(["events", "--state", state, "--format", "jsonl"])
        let types = events.stdout.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["type"] as? String ?? ""
        }
        XCTAssertTrue(types.contains("bulletin.new") && types.contains("bulletin.updated"), "\(types)")
        XCTAssertTrue(types.contains("indicator.changed"), "\(types)")
        let verify = try CommandRunner.run(["verify", "--state", state])
        XCTAssertEqual(verify.status, 0, verify.stdout)
        XCTAssertTrue(verify.stdout.contains("2 versions, 2 blobs rehashed"), verify.stdout)
    }

    func testVerify_exitsNonZeroOnADamagedBlob() throws {
        let blobs = state + "/blobs"
        let folder = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: blobs).first)
        let name = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: "\(blobs)/\(folder)").first)
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: "\(blobs)/\(folder)/\(name)"))
        let verify = try CommandRunner.run(["verify", "--state", state])
        XCTAssertEqual(verify.status, 1)
        XCTAssertTrue(verify.stdout.contains("fault: blob"), verify.stdout)
    }

    func testReaders_explainAMissingStoreOrSourceInOneLine() throws {
        let missing = try CommandRunner.run(["history", "--state", state + "-nope", "hexi-report"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("no bulletind store at"), missing.stderr)
        let unknown = try CommandRunner.run(["diff", "--state", state, "nope"])
        XCTAssertTrue(unknown.stderr.contains("no source \"nope\""), unknown.stderr)
        let badId = try CommandRunner.run(["ingest", "--state", state, "Bad Id", report])
        XCTAssertNotEqual(badId.status, 0)
    }

    func testConfig_namesTheStateDirectory() throws {
        let config = state + ".yaml"
        defer { try? FileManager.default.removeItem(atPath: config) }
        try "state_directory: \(state)\n".write(toFile: config, atomically: true, encoding: .utf8)
        let history = try CommandRunner.run(["history", "--config", config, "hexi-report"])
        XCTAssertEqual(history.status, 0, history.stderr)
        XCTAssertEqual(history.stdout.split(separator: "\n").count, 3)
    }

    func testPrune_removesOldDocumentsButKeepsTheirIndicators() throws {
        let prune = try CommandRunner.run(["prune", "--state", state, "hexi-report", "--keep-versions", "1"])
        XCTAssertEqual(prune.status, 0, prune.stderr)
        XCTAssertTrue(prune.stdout.contains("1 stored document removed"), prune.stdout)
        let history = try CommandRunner.run(["history", "--state", state, "hexi-report", "--indicator", "地区生产总值"])
        XCTAssertTrue(history.stdout.contains("1286.4"), "version 1's indicators stay: \(history.stdout)")
        let verify = try CommandRunner.run(["verify", "--state", state])
        XCTAssertEqual(verify.status, 0, verify.stdout)
    }

    func testPrune_withTheConfig_appliesItsRetentionToEverySource() throws {
        let config = state + ".yaml"
        defer { try? FileManager.default.removeItem(atPath: config) }
        let sources = "sources: [{id: hexi-report, url: \"https://example.org/r.html\", every: 1h}]\n"
        try "state_directory: \(state)\n\(sources)".write(toFile: config, atomically: true, encoding: .utf8)
        let none = try CommandRunner.run(["prune", "--config", config])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("no retention is set"), none.stderr)

        try "state_directory: \(state)\nretention: {keep_versions: 1, events_for: 30d}\n\(sources)".write(
            toFile: config, atomically: true, encoding: .utf8)
        let prune = try CommandRunner.run(["prune", "--config", config])
        XCTAssertEqual(prune.status, 0, prune.stderr)
        XCTAssertTrue(prune.stdout.contains("1 stored documents and 0 events removed"), prune.stdout)
        let history = try CommandRunner.run(["history", "--state", state, "hexi-report"])
        XCTAssertTrue(history.stdout.contains("pruned"), history.stdout)
    }

    func testReparse_reportsWhatItDid() throws {
        let reparse = try CommandRunner.run(["reparse", "--state", state])
        XCTAssertEqual(reparse.status, 0, reparse.stderr)
        XCTAssertTrue(reparse.stdout.contains("2 versions reparsed"), reparse.stdout)
    }
}
