import BulletinFetch
import BulletinStore
import BulletinWatch
import Foundation
import Logging
import TestServers
import XCTest

final class NotifierTests: XCTestCase {
    private var server: HostileServer!
    private var folder: URL!
    private let report = Array(
        "河西市2024年政府工作报告\n全市地区生产总值完成1286.4亿元，比上年增长6.1%。新增城镇就业3.2万人。\n".utf8)
    private let revised = Array(
        "河西市2024年政府工作报告\n全市地区生产总值完成1292.8亿元，比上年增长6.3%。新增城镇就业3.2万人。\n".utf8)
    private let secret = "whsec_" + Data("a test key of our own".utf8).base64EncodedString()

    override func setUpWithError() throws {
        server = try HostileServer()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try (secret + "\n").write(to: folder.appendingPathComponent("secret"), atomically: true, encoding: .utf8)
    }

    override func tearDown() {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    private var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    private func sink(_ name: String, _ settings: [String: String], lists: [String: [String]] = [:]) -> SinkConfig {
        var all = [
            "type": "webhook", "url": "\(server.base)/receive/\(name)", "retry_initial": "1s", "retry_max": "2s",
        ]
        all["secret_file"] = folder.appendingPathComponent("secret").path
        all.merge(settings) { $1 }
        return SinkConfig(type: all["type"]!, name: name, settings: all, lists: lists)
    }

    /// A store with the report and its revision as versions 1 and 2 of "hexi".
    private func storeWithRevision(sinks: [SinkConfig]) async throws -> (SnapshotStore, Notifier) {
        var config = WatchConfig()
        config.stateDirectory = folder.appendingPathComponent("state").path
        config.sources = [SourceConfig(id: "hexi", url: "\(server.base)/docs/hexi", every: .seconds(60))]
        config.sources[0].region = "河西市"
        let store = try SnapshotStore(directory: config.stateDirectory)
        let notifier = try Notifier(sinks: sinks, store: store, fetcher: try Fetcher(), logger: logger)
        let watcher = try Watcher(
            config: config, store: store, logger: logger, systemd: SystemdNotifier(environment: [:]))
        server.serve("hexi", body: report)
        _ = await watcher.runOnce()
        server.serve("hexi", body: revised)
        _ = await watcher.runOnce()
        return (store, notifier)
    }

    /// One delivery pass; the named sink's report.
    private func pass(_ notifier: Notifier, now: Date = Date(), _ name: String) async -> DeliveryReport {
        await notifier.deliverPending(now: now)[name] ?? DeliveryReport()
    }

    func testWebhook_revisedBulletin_deliversExactlyTheChangedIndicators_signed() async throws {
        server.receive("hook")
        let (_, notifier) = try await storeWithRevision(sinks: [
            sink("hook", [:], lists: ["events": ["indicator.changed"]])
        ])
        let reports = await notifier.deliverPending()
        XCTAssertEqual(reports["hook"]?.delivered, 2)
        let received = server.received("hook")
        let events = try received.map { try Event.decode(String(decoding: $0.body, as: UTF8.self)) }
        XCTAssertEqual(events.map(\.type), ["indicator.changed", "indicator.changed"])
        XCTAssertEqual(events.map { $0.indicator?.old }, ["1286.4", "6.1"])
        XCTAssertEqual(events.map { $0.indicator?.new }, ["1292.8", "6.3"])
        XCTAssertEqual(events[0].indicator?.delta, "6.4")
        XCTAssertEqual(events[0].source.region, "河西市")
        XCTAssertEqual(events[0].document?.previousVersion, 1)
        let verifier = try WebhookSignature(secret: secret)
        for message in received {
            XCTAssertNoThrow(
                try verifier.verify(
                    id: message.headers["webhook-id"] ?? "", timestamp: message.headers["webhook-timestamp"] ?? "",
                    signatures: message.headers["webhook-signature"] ?? "", body: message.body))
        }
        XCTAssertEqual(received.map { $0.headers["webhook-id"] }, events.map(\.id))
        // Nothing is sent twice.
        let again = await notifier.deliverPending()
        XCTAssertEqual(again["hook"]?.delivered, 0)
        XCTAssertEqual(server.received("hook").count, 2)
    }

    func testSignature_tamperedRekeyedOrStale_failsVerification() throws {
        let signer = try WebhookSignature(secret: secret)
        let body = Array("{\"id\":\"evt_1\"}".utf8)
        let now = Date()
        let signature = signer.signature(id: "evt_1", timestamp: Int(now.timeIntervalSince1970), body: body)
        let timestamp = "\(Int(now.timeIntervalSince1970))"
        XCTAssertNoThrow(try signer.verify(id: "evt_1", timestamp: timestamp, signatures: signature, body: body))
        var tampered = body
        tampered[3] = UInt8(ascii: "X")
        XCTAssertThrowsError(
            try signer.verify(id: "evt_1", timestamp: timestamp, signatures: signature, body: tampered))
        XCTAssertThrowsError(try signer.verify(id: "evt_2", timestamp: timestamp, signatures: signature, body: body))
        let other = try WebhookSignature(secret: "whsec_" + Data("another key".utf8).base64EncodedString())
        XCTAssertThrowsError(try other.verify(id: "evt_1", timestamp: timestamp, signatures: signature, body: body))
        let stale = "\(Int(now.timeIntervalSince1970) - 301)"
        let staleSignature = signer.signature(id: "evt_1", timestamp: Int(stale)!, body: body)
        XCTAssertThrowsError(try signer.verify(id: "evt_1", timestamp: stale, signatures: staleSignature, body: body))
        // A known vector: key "test", id "msg_1", timestamp 1700000000, body "{}".
        let known = try WebhookSignature(secret: "whsec_dGVzdA==")
        XCTAssertEqual(known.key, Array("test".utf8))
        XCTAssertEqual(
            known.signature(id: "msg_1", timestamp: 1_700_000_000, body: Array("{}".utf8)),
            "v1,"
                + Data(SHA256.hmac(key: Array("test".utf8), message: Array("msg_1.1700000000.{}".utf8)))
                .base64EncodedString())
    }

    func testDelivery_whenReceiverFails_retriesLaterInSourceOrder() async throws {
        server.receive("hook", failRate: 1)
        let (store, notifier) = try await storeWithRevision(sinks: [sink("hook", [:])])
        var report = await pass(notifier, "hook")
        XCTAssertEqual(report.failed, 1, "the first event fails; the source's later ones wait behind it")
        XCTAssertEqual(report.waiting, 3)
        XCTAssertEqual(server.refusals("hook"), 1)
        // Not yet due: nothing is attempted.
        report = await pass(notifier, "hook")
        XCTAssertEqual(report.failed + report.delivered, 0)
        server.receive("hook", failRate: 0)
        report = await pass(notifier, now: Date().addingTimeInterval(10), "hook")
        XCTAssertEqual(report.delivered, 4)
        let types = server.received("hook").map { try? Event.decode(String(decoding: $0.body, as: UTF8.self)).type }
        XCTAssertEqual(types, ["bulletin.new", "bulletin.updated", "indicator.changed", "indicator.changed"])
        let states = try store.deliveries(of: try store.events(limit: 10).compactMap(\.id))
        XCTAssertTrue(states.values.allSatisfy { $0.first?.state == .delivered })
        XCTAssertEqual(states.values.first { $0.first?.attempts == 2 } != nil, true, "the first took two attempts")
    }

    func testDelivery_oneFailingSink_neverHoldsUpAnother() async throws {
        server.receive("down", failRate: 1)
        server.receive("up")
        let (_, notifier) = try await storeWithRevision(sinks: [sink("down", [:]), sink("up", [:])])
        let reports = await notifier.deliverPending()
        XCTAssertEqual(reports["up"]?.delivered, 4)
        XCTAssertEqual(reports["down"]?.delivered, 0)
    }

    func testRun_aSlowSink_doesNotDelayAnother() async throws {
        let file = folder.appendingPathComponent("fast.jsonl").path
        let sinks = [
            SinkConfig(
                type: "command", name: "slow", settings: ["type": "command", "timeout": "20s"],
                lists: ["argv": ["/bin/sleep", "3"]]),
            SinkConfig(type: "file", name: "fast", settings: ["type": "file", "path": file]),
        ]
        let (_, notifier) = try await storeWithRevision(sinks: sinks)
        let stop = StopSignal()
        let running = Task { await notifier.run(stopping: { stop.isSet }) }
        let started = Date()
        while (try? String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count) != 4 {
            if Date().timeIntervalSince(started) > 5 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "the file sink waited for the slow one")
        stop.set()
        running.cancel()
        await running.value
    }

    func testDelivery_olderThanDeadAfter_isGivenUp() async throws {
        server.receive("hook", failRate: 1)
        let (store, notifier) = try await storeWithRevision(sinks: [sink("hook", ["dead_after": "1m"])])
        await notifier.deliverPending()
        var dead = 0
        for _ in 0..<4 { dead += await pass(notifier, now: Date().addingTimeInterval(3600), "hook").dead }
        XCTAssertEqual(dead, 4)
        let counts = try store.deliveryCounts()["hook"] ?? [:]
        XCTAssertEqual(counts[.dead], 4, "\(counts)")
        XCTAssertEqual(counts[.pending], nil)
    }

    func testDigest_sendsOneMessageForThePass() async throws {
        server.receive("hook")
        let (_, notifier) = try await storeWithRevision(sinks: [sink("hook", ["digest": "true"])])
        let report = await pass(notifier, "hook")
        XCTAssertEqual(report.delivered, 4)
        let received = server.received("hook")
        XCTAssertEqual(received.count, 1)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(received[0].body)) as? [String: Any])
        XCTAssertEqual(object["type"] as? String, "digest")
        XCTAssertEqual((object["events"] as? [Any])?.count, 4)
    }

    func testNewSink_startsWithEventsQueuedAfterIt() async throws {
        server.receive("late")
        let (store, _) = try await storeWithRevision(sinks: [])
        let notifier = try Notifier(sinks: [sink("late", [:])], store: store, fetcher: try Fetcher(), logger: logger)
        let report = await pass(notifier, "late")
        XCTAssertEqual(report.delivered, 0, "history is not replayed to a new sink")
    }

    func testFileAndCommandSinks_receiveOneJSONLinePerEvent() async throws {
        let file = folder.appendingPathComponent("events.jsonl").path
        let out = folder.appendingPathComponent("command.out").path
        let sinks = [
            SinkConfig(type: "file", name: "file", settings: ["type": "file", "path": file]),
            SinkConfig(
                type: "command", name: "command", settings: ["type": "command"],
                lists: ["argv": ["/bin/sh", "-c", "cat >> '\(out)'; echo \"$BULLETIND_EVENT_TYPE\" >> '\(out)'"]]),
        ]
        let (_, notifier) = try await storeWithRevision(sinks: sinks)
        let reports = await notifier.deliverPending()
        XCTAssertEqual(reports["file"]?.delivered, 4)
        XCTAssertEqual(reports["command"]?.delivered, 4)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 4)
        XCTAssertNoThrow(try lines.map { try Event.decode(String($0)) })
        let commandLines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(commandLines.filter { $0 == "indicator.changed" }.count, 2)
    }

    func testCommandSink_whenProgramFailsOrHangs_reportsIt() async throws {
        let failing = CommandSinkProbe(argv: ["/bin/sh", "-c", "echo broken pipe to nowhere >&2; exit 3"], timeout: 5)
        let hanging = CommandSinkProbe(argv: ["/bin/sleep", "10"], timeout: 0.3)
        let event = try Event.decode(
            "{\"id\":\"evt_x\",\"type\":\"bulletin.new\",\"occurred_at\":\"2026-01-01T00:00:00Z\",\"source\":{\"id\":\"a\",\"url\":\"u\"}}"
        )
        do {
            try await failing.sink.deliver([event], payloads: [event.json()])
            XCTFail("a failing command must fail the delivery")
        } catch {
            XCTAssertEqual(error.message, "/bin/sh exited with 3: broken pipe to nowhere")
        }
        let started = Date()
        do {
            try await hanging.sink.deliver([event], payloads: [event.json()])
            XCTFail("a hanging command must fail the delivery")
        } catch {
            XCTAssertTrue(error.message.contains("took longer"), error.message)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
    }
}

/// A command sink made through the config path, as the daemon makes it.
private struct CommandSinkProbe {
    let sink: any NotificationSink

    init(argv: [String], timeout: Double) {
        let config = SinkConfig(
            type: "command", name: "c", settings: ["type": "command", "timeout": "\(Int(timeout * 1000))ms"],
            lists: ["argv": argv])
        sink = try! SinkSetup(config, fetcher: try! Fetcher()).sink
    }
}

private final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
