import Foundation
import TestServers
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon as systemd runs it: against a local server, with a notification socket, reloaded
/// with SIGHUP and stopped with SIGTERM.
final class DaemonTests: XCTestCase {
    private var server: HostileServer!
    private var folder: URL!
    private var state: String { folder.appendingPathComponent("state").path }
    private var configPath: String { folder.appendingPathComponent("bulletind.yaml").path }
    private let examples = CommandRunner.packageRoot.appendingPathComponent("Examples/bulletins")

    override func setUpWithError() throws {
        server = try HostileServer()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("daemon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    private func example(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: examples.appendingPathComponent(name)))
    }

    private func writeConfig(sources: [String], extra: String = "") throws {
        var yaml = "state_directory: \(state)\nlog_level: debug\nretry: {initial: 1s, max: 2s}\nsources:\n"
        for id in sources {
            yaml += "  - {id: \(id), url: \"\(server.base)/docs/\(id)\", every: 1s, region: 河西市}\n"
        }
        try (yaml + extra).write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    private func waitUntil(_ what: String, seconds: Double = 30, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try !condition() {
            guard Date() < deadline else {
                XCTFail("timed out waiting for \(what)")
                throw CancellationError()
            }
            usleep(100_000)
        }
    }

    func testDaemon_ingestsRevisesReloadsAndStopsCleanly() throws {
        server.serve("hexi-report", body: try example("hexi-2024-work-report.txt"))
        try writeConfig(sources: ["hexi-report"])
        let notify = try NotifySocket()
        defer { notify.close() }
        let log = folder.appendingPathComponent("daemon.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let daemon = Process()
        daemon.executableURL = try CommandRunner.binary()
        daemon.arguments = ["run", "--config", configPath]
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notify.path
        environment["WATCHDOG_USEC"] = "1000000"
        environment.removeValue(forKey: "WATCHDOG_PID")
        daemon.environment = environment
        daemon.standardError = try FileHandle(forWritingTo: log)
        daemon.standardOutput = FileHandle.nullDevice
        try daemon.run()
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        func logText() -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
        func events() throws -> [String] {
            try CommandRunner.run(["events", "--state", state, "--format", "jsonl"]).stdout.split(separator: "\n").map(
                String.init)
        }

        // READY, then the first version.
        try waitUntil("READY=1") { notify.count("READY=1") >= 1 }
        try waitUntil("version 1") { logText().contains("hexi-report: version 1 stored") }

        // A revised bulletin is seen and its indicator changes land in the outbox.
        server.serve("hexi-report", body: try example("hexi-2024-work-report-revised.txt"))
        try waitUntil("version 2") { logText().contains("hexi-report: version 2 stored") }
        let changed = try events().filter { $0.contains("\"indicator.changed\"") }
        XCTAssertEqual(changed.count, 3, changed.joined(separator: "\n"))
        XCTAssertTrue(changed.contains { $0.contains("\"old\":\"1286.4\"") && $0.contains("\"new\":\"1292.8\"") })

        // SIGHUP with a new source: RELOADING, READY again, and the new source is checked.
        server.serve("hexi-bulletin", body: try example("hexi-2023-statistical-bulletin.txt"))
        try writeConfig(sources: ["hexi-report", "hexi-bulletin"])
        kill(daemon.processIdentifier, SIGHUP)
        try waitUntil("reloaded") { logText().contains("1 added, 0 removed") }
        XCTAssertEqual(notify.count("RELOADING=1"), 1)
        try waitUntil("second READY") { notify.count("READY=1") >= 2 }
        try waitUntil("new source stored") { logText().contains("hexi-bulletin: version 1 stored") }

        // An invalid config is refused; the daemon keeps running.
        try writeConfig(sources: ["hexi-report"], extra: "colour: red\n")
        kill(daemon.processIdentifier, SIGHUP)
        try waitUntil("refused") { logText().contains("reload refused") }
        XCTAssertTrue(daemon.isRunning)
        XCTAssertGreaterThan(notify.count("WATCHDOG=1"), 0, "the loop pings the watchdog")
        XCTAssertTrue(
            notify.messages.contains { $0.contains("STATUS=2 sources") }, notify.messages.joined(separator: " | "))

        // SIGTERM: STOPPING, exit 0 within 10 s, a clean store.
        let stopped = Date()
        kill(daemon.processIdentifier, SIGTERM)
        while daemon.isRunning && Date().timeIntervalSince(stopped) < 10 { usleep(20_000) }
        XCTAssertFalse(daemon.isRunning, "still running 10 s after SIGTERM")
        daemon.waitUntilExit()
        XCTAssertEqual(daemon.terminationStatus, 0, logText())
        XCTAssertLessThan(Date().timeIntervalSince(stopped), 10)
        XCTAssertEqual(notify.count("STOPPING=1"), 1)
        let verify = try CommandRunner.run(["verify", "--state", state])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
    }

    func testRunOnce_exitsNonZeroWhenASourceFails_andStatusShowsIt() throws {
        server.serve("hexi-report", body: try example("hexi-2024-work-report.txt"))
        server.serve("broken", body: [], status: 503)
        try writeConfig(sources: ["hexi-report", "broken"])
        let first = try CommandRunner.run(["run", "--config", configPath, "--once"])
        XCTAssertEqual(first.status, 1)
        XCTAssertEqual(first.stdout, "checked 2 sources: 1 new versions, 0 unchanged, 1 failed\n")
        XCTAssertTrue(first.stderr.contains("broken: HTTP 503"), first.stderr)
        server.serve("broken", body: try example("hexi-2023-statistical-bulletin.txt"))
        let second = try CommandRunner.run(["run", "--config", configPath, "--once"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(second.stdout, "checked 2 sources: 1 new versions, 1 unchanged, 0 failed\n")
        let status = try CommandRunner.run(["status", "--config", configPath, "--format", "jsonl"])
        XCTAssertEqual(status.status, 0, status.stderr)
        let rows = status.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        XCTAssertEqual(rows.map { $0["id"] as? String }, ["hexi-report", "broken"])
        XCTAssertEqual(rows.map { $0["health"] as? String }, ["ok", "ok"])
        XCTAssertEqual(rows.map { $0["versions"] as? Int }, [1, 1])
        XCTAssertNotNil(rows[0]["next_due"] as? String)
    }

    func testCheckConfig_listsEveryProblemWithItsLine() throws {
        try """
        sources:
          - id: Bad
            url: https://a.example/
            every: 6 hours
        fetch:
          concurency: 4
        """.write(toFile: configPath, atomically: true, encoding: .utf8)
        let outcome = try CommandRunner.run(["check-config", "--config", configPath])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(
            outcome.stdout.split(separator: "\n").map(String.init),
            [
                "\(configPath):2: sources[0].id: \"Bad\": use lowercase letters, digits and -",
                "\(configPath):4: sources[0].every: \"6 hours\" is not a duration (write 6h, 30m, 45s or 1h30m)",
                "\(configPath):6: fetch.concurency: unknown setting (did you mean concurrency?)",
            ])
        XCTAssertEqual(outcome.stderr, "Error: \(configPath): 3 problems\n")
        let sound = try CommandRunner.run([
            "check-config", "--config",
            CommandRunner.packageRoot.appendingPathComponent("etc/bulletind/bulletind.yaml").path,
        ])
        XCTAssertEqual(sound.status, 0, sound.stdout)
    }

    func testRun_whenConfigBroken_failsWithOneLine() throws {
        try "sources: 3\n".write(toFile: configPath, atomically: true, encoding: .utf8)
        let outcome = try CommandRunner.run(["run", "--config", configPath, "--once"])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.stderr, "Error: \(configPath): line 1: sources: expected a list\n")
    }
}

/// The shipped unit keeps its hardening.
final class SystemdUnitTests: XCTestCase {
    func testUnit_exposureScore_isAtMostOnePointFive() throws {
        let analyzer = "/usr/bin/systemd-analyze"
        guard FileManager.default.isExecutableFile(atPath: analyzer) else { throw XCTSkip("no systemd-analyze here") }
        let unit = CommandRunner.packageRoot.appendingPathComponent("systemd/bulletind.service").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: analyzer)
        process.arguments = ["security", "--offline=true", "--no-pager", unit]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let line = try XCTUnwrap(output.split(separator: "\n").first { $0.contains("Overall exposure level") })
        let score = try XCTUnwrap(line.split(separator: " ").compactMap { Double($0) }.first, String(line))
        XCTAssertLessThanOrEqual(score, 1.5, String(line))
    }

    func testUnit_notifiesReloadsAndTakesSecretsAsCredentials() throws {
        let unit = try String(
            contentsOf: CommandRunner.packageRoot.appendingPathComponent("systemd/bulletind.service"), encoding: .utf8)
        let settings = Set(unit.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
        for expected in [
            "Type=notify", "ExecReload=/bin/kill -HUP $MAINPID", "DynamicUser=yes", "StateDirectory=bulletind",
            "ConfigurationDirectory=bulletind", "ProtectSystem=strict", "IPAddressAllow=127.0.0.53",
        ] {
            XCTAssertTrue(settings.contains(expected), "missing \(expected)")
        }
        XCTAssertTrue(settings.contains { $0.hasPrefix("WatchdogSec=") })
        XCTAssertFalse(settings.contains { $0.hasPrefix("Environment=") }, "secrets go through LoadCredential")
    }
}
