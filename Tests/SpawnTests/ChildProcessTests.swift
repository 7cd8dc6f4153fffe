import Foundation
import Spawn
import XCTest

final class ChildProcessTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func testRun_reportsTheExitCode_andTheSignal() throws {
        XCTAssertEqual(try ChildProcess("/bin/sh", ["-c", "exit 3"]).run(), .exited(3))
        XCTAssertEqual(try ChildProcess("/bin/sh", ["-c", "kill -TERM $$"]).run(), .signalled(SIGTERM))
    }

    func testRun_whenPastTheTimeout_killsTheChild() throws {
        let start = ContinuousClock.now
        let outcome = try ChildProcess("/bin/sleep", ["5"]).run(timeout: .milliseconds(200))
        XCTAssertEqual(outcome, .killed(reason: "took longer than 200 ms"))
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(3))
    }

    func testRun_whenStopGivesAReason_killsTheChildWithIt() throws {
        XCTAssertEqual(try ChildProcess("/bin/sleep", ["5"]).run { "cancelled" }, .killed(reason: "cancelled"))
    }

    func testStreams_inputFromADescriptor_outputToAFile() throws {
        let input = folder + "/in"
        try "你好 bulletind\n".write(toFile: input, atomically: true, encoding: .utf8)
        let fd = open(input, O_RDONLY)
        defer { close(fd) }
        var cat = ChildProcess("/bin/cat")
        cat.standardInput = .descriptor(fd)
        cat.standardOutput = .file(folder + "/out")
        XCTAssertEqual(try cat.run(), .exited(0))
        XCTAssertEqual(try String(contentsOfFile: folder + "/out", encoding: .utf8), "你好 bulletind\n")
    }

    func testEnvironment_replacesTheParents() throws {
        var env = ChildProcess("/usr/bin/env")
        env.environment = ["BULLETIND_TEST=1"]
        env.standardOutput = .file(folder + "/env")
        XCTAssertEqual(try env.run(), .exited(0))
        XCTAssertEqual(try String(contentsOfFile: folder + "/env", encoding: .utf8), "BULLETIND_TEST=1\n")
    }

    func testSearchPath_findsAProgramByName_andAMissingOneIsASpawnError() throws {
        var bare = ChildProcess("true")
        XCTAssertThrowsError(try bare.run()) { error in
            XCTAssertTrue("\(error)".contains("cannot run true"), "\(error)")
        }
        bare.searchPath = true
        XCTAssertEqual(try bare.run(), .exited(0))
    }

    func testStart_thenKill_reapsTheChild() throws {
        let process = try ChildProcess("/bin/sleep", ["5"]).start()
        XCTAssertNil(process.poll())
        XCTAssertTrue(process.kill(SIGTERM))
        XCTAssertEqual(process.wait(), .signalled(SIGTERM))
    }
}
