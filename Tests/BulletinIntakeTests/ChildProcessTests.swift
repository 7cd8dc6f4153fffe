import Foundation
import XCTest

@testable import BulletinIntake

final class ChildProcessTests: XCTestCase {
    func testRun_whenChildOutlivesItsDeadline_killsItPromptly() throws {
        let started = Date()
        let outcome = try ChildProcess.run("/bin/sleep", ["30"], timeout: 0.3)
        XCTAssertEqual(outcome, .killed(reason: "took longer than 0 s"))
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
    }

    func testRun_reportsTheExitStatus() throws {
        XCTAssertEqual(try ChildProcess.run("/bin/true", [], timeout: 10), .exited(0))
        XCTAssertEqual(try ChildProcess.run("/bin/sh", ["-c", "exit 3"], timeout: 10), .exited(3))
    }

    func testRun_whenTheGuardObjects_stopsTheChild() throws {
        var asked = 0
        let outcome = try ChildProcess.run("/bin/sleep", ["30"], timeout: 30) {
            asked += 1
            return asked > 3 ? "output too large" : nil
        }
        XCTAssertEqual(outcome, .killed(reason: "output too large"))
    }

    func testRun_whenProgramIsMissing_failsWithAOneLineError() {
        XCTAssertThrowsError(try ChildProcess.run("/nonexistent/pdftotext", [], timeout: 1)) { error in
            XCTAssertTrue("\(error)".contains("could not be started"), "\(error)")
        }
    }
}
