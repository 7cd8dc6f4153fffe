import Foundation
import TestServers
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon delivering to a webhook that fails 30 % of the time while the daemon itself is
/// killed with SIGKILL at random moments: no event may be lost, and each kill may cause at most
/// one duplicate.
final class DeliveryChaosTests: XCTestCase {
    func testDelivery_flakyReceiverAndRandomKills_losesNothing_duplicatesAtMostOnePerKill() throws {
        let server = try HostileServer()
        defer { server.stop() }
        server.receive("hook", failRate: 0.3)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chaos-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state").path
        let secret = "whsec_" + Data("chaos key".utf8).base64EncodedString()
        try secret.write(to: folder.appendingPathComponent("secret"), atomically: true, encoding: .utf8)
        let report = try String(
            contentsOf: CommandRunner.packageRoot.appendingPathComponent(
                "Examples/bulletins/hexi-2024-work-report.txt"),
            encoding: .utf8)
        let ids = ["alpha", "beta", "gamma"]
        var yaml = "state_directory: \(state)\nlog_level: warning\nretry: {initial: 1s, max: 2s}\nsources:\n"
        for id in ids { yaml += "  - {id: \(id), url: \"\(server.base)/docs/\(id)\", every: 1s}\n" }
        yaml += """
            notify:
              - {type: webhook, name: hook, url: "\(server.base)/receive/hook?access_token=TOKEN-8c1e", secret_file: secret,
                 retry_initial: 1s, retry_max: 2s}

            """
        let config = folder.appendingPathComponent("bulletind.yaml").path
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        func publish(_ id: String, _ round: Int) {
            let figure = "\(1200 + round * 7 + ids.firstIndex(of: id)!).\(round % 10)亿元"
            server.serve(id, body: Array(report.replacingOccurrences(of: "１２８６．４亿元", with: figure).utf8))
        }
        for id in ids { publish(id, 0) }

        let log = folder.appendingPathComponent("daemon.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        func start() throws -> Process {
            let daemon = Process()
            daemon.executableURL = try CommandRunner.binary()
            daemon.arguments = ["run", "--config", config, "--log-level", "debug"]
            daemon.standardOutput = FileHandle.nullDevice
            daemon.standardError = logHandle
            try daemon.run()
            return daemon
        }
        let rounds = Int(ProcessInfo.processInfo.environment["CHAOS_ROUNDS"] ?? "") ?? 12
        var kills = 0
        var daemon = try start()
        for round in 1...rounds {
            publish(ids[round % ids.count], round)
            usleep(UInt32.random(in: 300_000...1_500_000))
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
            kills += 1
            daemon = try start()
        }
        // Let it finish: every queued event delivered.
        func outbox() throws -> [String] {
            let events = try CommandRunner.run(["events", "--state", state, "--format", "jsonl", "--limit", "100000"])
            return events.stdout.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
            }
        }
        let deadline = Date().addingTimeInterval(60)
        var queued: [String] = []
        var delivered: Set<String> = []
        repeat {
            sleep(1)
            queued = try outbox()
            delivered = Set(server.received("hook").compactMap { $0.headers["webhook-id"] })
        } while Set(queued).subtracting(delivered).count > 0 && Date() < deadline
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        XCTAssertEqual(daemon.terminationStatus, 0)

        let received = server.received("hook")
        let missing = Set(queued).subtracting(delivered)
        XCTAssertTrue(missing.isEmpty, "lost \(missing.count) of \(queued.count) events")
        let duplicates = received.count - delivered.count
        XCTAssertLessThanOrEqual(duplicates, kills, "\(duplicates) duplicates for \(kills) kills")
        XCTAssertGreaterThan(server.refusals("hook"), 0, "the receiver should have refused some")
        XCTAssertGreaterThanOrEqual(queued.filter { _ in true }.count, rounds, "every round published a change")
        for message in received {
            let body = String(decoding: message.body, as: UTF8.self)
            XCTAssertTrue(body.contains(message.headers["webhook-id"] ?? "?"), "the id header names the event")
            XCTAssertTrue(message.headers["webhook-signature"]?.hasPrefix("v1,") == true)
        }
        let logged = try String(contentsOf: log, encoding: .utf8)
        XCTAssertTrue(logged.contains("notify hook"), "failed deliveries are logged")
        for secretText in [secret, "TOKEN-8c1e", Data("chaos key".utf8).base64EncodedString()] {
            XCTAssertFalse(logged.contains(secretText), "a secret reached the log")
        }
        let verify = try CommandRunner.run(["verify", "--state", state])
        XCTAssertEqual(verify.status, 0, verify.stdout)
        print(
            "chaos: \(kills) kills, \(queued.count) events, \(received.count) deliveries, \(duplicates) duplicates, "
                + "\(server.refusals("hook")) refusals")
    }
}
