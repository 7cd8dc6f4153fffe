import Foundation
import Spawn
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// SIGKILL at random moments during ingests: afterwards `verify` is clean and every version an
/// ingest acknowledged (printed after its commit) is there with its content hash.
final class CrashTests: XCTestCase {
    func testIngest_killedAtRandomMoments_losesNoAcknowledgedVersionAndVerifiesClean() throws {
        let binary = try CommandRunner.binary()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
        let state = folder.appendingPathComponent("state").path
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let documents = try (0..<40).map { n -> String in
            let path = folder.appendingPathComponent("report-\(n).txt").path
            let text =
                "2023年全市地区生产总值\(1600 + n)亿元，比上年增长\(n % 9).\(n % 7)%。"
                + String(repeating: "规模以上工业增加值增长\(n).5%。", count: 50 + n * 20)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        var generator = SystemRandomNumberGenerator()
        var acknowledged: [(version: Int, hash: String)] = []
        var killed = 0
        let rounds = Int(ProcessInfo.processInfo.environment["CRASH_ROUNDS"] ?? "") ?? 250
        for round in 0..<rounds {
            let output = folder.appendingPathComponent("out-\(round)")
            let files = (0..<3).map { _ in documents.randomElement(using: &generator)! }
            var ingest = ChildProcess(binary.path, ["ingest", "--state", state, "crash-test"] + files)
            ingest.standardOutput = .file(output.path)
            let process = try ingest.start()
            usleep(UInt32.random(in: 0...220_000, using: &generator))
            if process.kill() { killed += 1 }
            _ = process.wait()
            let printed = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            for line in printed.split(separator: "\n") {
                guard let match = line.firstMatch(of: /stored crash-test v(\d+) \(sha256 ([0-9a-f]{12})/) else {
                    continue
                }
                acknowledged.append((Int(match.1)!, String(match.2)))
            }
        }
        XCTAssertGreaterThan(killed, rounds / 2, "most rounds end in a kill")
        XCTAssertGreaterThan(acknowledged.count, 10, "some ingests were acknowledged")

        let verify = try CommandRunner.run(["verify", "--state", state])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
        let history = try CommandRunner.run(["history", "--state", state, "crash-test", "--format", "jsonl"])
        var stored: [Int: String] = [:]
        for line in history.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            stored[object["version"] as! Int] = object["sha256"] as? String
        }
        XCTAssertEqual(stored.keys.sorted(), Array(1...stored.count), "versions are numbered without gaps")
        for (version, hash) in acknowledged {
            XCTAssertEqual(stored[version]?.prefix(12).description, hash, "acknowledged version \(version) is stored")
        }
        print(
            "crash test: \(rounds) rounds, \(killed) killed, \(acknowledged.count) acknowledged, \(stored.count) stored"
        )
    }
}
