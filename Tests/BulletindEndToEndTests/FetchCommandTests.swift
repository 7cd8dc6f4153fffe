import TestServers
import XCTest

/// `bulletind fetch` against our hostile server: what a user sees, and the exit status a script reads.
final class FetchCommandTests: XCTestCase {
    private static let server = try! HostileServer()
    private var base: String { Self.server.base }

    func testFetch_onSuccess_printsStatusCharsetValidatorsAndTimings() throws {
        let outcome = try CommandRunner.run(["fetch", base + "/conditional"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("status: 200"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("etag: \(HostileServer.etag)"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("last-modified: \(HostileServer.lastModified)"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("bytes: 11"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("timings: dns"), outcome.stdout)
    }

    func testFetch_withStoredETag_exitsZeroOn304() throws {
        let outcome = try CommandRunner.run(["fetch", base + "/conditional", "--etag", HostileServer.etag])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("status: 304 (not modified)"), outcome.stdout)
    }

    func testFetch_writesTheBodyToOutput() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try CommandRunner.run(["fetch", base + "/gbk", "--output", file.path])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("charset: GBK"), outcome.stdout)
        XCTAssertEqual(try Data(contentsOf: file), Data(HostileServer.gbkSentence))
    }

    func testFetch_onTransientFailure_exits75WithOneLine() throws {
        let outcome = try CommandRunner.run(["fetch", base + "/unavailable"])
        XCTAssertEqual(outcome.status, 75)
        XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("503"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("retry after 120 s"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("[transient]"), outcome.stderr)
    }

    func testFetch_onSlowServer_obeysTimeoutOption() throws {
        let start = Date()
        let outcome = try CommandRunner.run(["fetch", base + "/silent", "--timeout", "1"])
        XCTAssertEqual(outcome.status, 75)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertTrue(outcome.stderr.lowercased().contains("timed out"), outcome.stderr)
    }

    func testFetch_onTooLargeBody_exits1AndWritesNoFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-\(UUID().uuidString)")
        let outcome = try CommandRunner.run(
            ["fetch", base + "/endless-chunked", "--max-bytes", "256KB", "--output", file.path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.contains("exceeds the limit of 262144 bytes"), outcome.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path), "nothing partial is written")
    }

    func testFetch_refusesFileURLsUnlessAllowed() throws {
        let refused = try CommandRunner.run(["fetch", "file:///etc/hostname"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("allow_file"), refused.stderr)
        let allowed = try CommandRunner.run(["fetch", "file:///etc/hostname", "--allow-file"])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
    }

    func testFetch_sendsRepeatedHeaderOptions() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try CommandRunner.run([
            "fetch", base + "/echo-headers", "--header", "X-One: 1", "--header", "X-Two: 2", "--output", file.path,
        ])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let echoed = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(echoed.contains("x-one: 1") && echoed.contains("x-two: 2"), echoed)
    }
}
