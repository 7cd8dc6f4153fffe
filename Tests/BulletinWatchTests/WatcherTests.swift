import BulletinFetch
import BulletinStore
import BulletinWatch
import Foundation
import Logging
import TestServers
import XCTest

final class WatcherTests: XCTestCase {
    private var server: HostileServer!
    private var folder: URL!
    private let report = Array(
        "河西市2024年政府工作报告\n全市地区生产总值完成1286.4亿元，比上年增长6.1%。新增城镇就业3.2万人。\n".utf8)
    private let revised = Array(
        "河西市2024年政府工作报告\n全市地区生产总值完成1292.8亿元，比上年增长6.1%。新增城镇就业3.2万人。\n".utf8)

    override func setUpWithError() throws {
        server = try HostileServer()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
    }

    override func tearDown() {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    private func config(_ names: [String], failingAfter: Int = 3) -> WatchConfig {
        var config = WatchConfig()
        config.stateDirectory = folder.path
        config.retry.initial = .seconds(1)
        config.retry.failingAfter = failingAfter
        config.sources = names.map { SourceConfig(id: $0, url: "\(server.base)/docs/\($0)", every: .seconds(60)) }
        return config
    }

    private func watcher(_ config: WatchConfig) throws -> (Watcher, SnapshotStore) {
        let store = try SnapshotStore(directory: config.stateDirectory)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return (
            try Watcher(config: config, store: store, logger: logger, systemd: SystemdNotifier(environment: [:])), store
        )
    }

    func testRetention_removesOldDocumentsOfEachSource_andKeepsTheirIndicators() async throws {
        server.serve("hexi", body: report)
        var settings = config(["hexi"])
        settings.retention.keepVersions = 1
        let (watcher, store) = try watcher(settings)
        _ = await watcher.runOnce()
        server.serve("hexi", body: revised)
        _ = await watcher.runOnce()
        let before = try store.indicators(of: try store.versions(of: "hexi")[0]).count
        XCTAssertGreaterThan(before, 0)
        let pass = await watcher.applyRetention()
        XCTAssertEqual(pass.documents, 1)
        XCTAssertEqual(pass.problems, [])
        let versions = try store.versions(of: "hexi")
        XCTAssertEqual(versions.map(\.blobPruned), [true, false])
        XCTAssertEqual(try store.indicators(of: versions[0]).count, before, "indicators stay")
        let again = await watcher.applyRetention()
        XCTAssertEqual(again.documents, 0)
    }

    func testRunOnce_newThenRevisedThenSame_storesTwoVersionsAndAsksConditionally() async throws {
        server.serve("hexi", body: report)
        let (watcher, store) = try watcher(config(["hexi"]))
        var summary = await watcher.runOnce()
        XCTAssertEqual(summary.stored, 1)
        summary = await watcher.runOnce()
        XCTAssertEqual(summary.unchanged, 1)
        XCTAssertTrue(
            server.requests.last?.lowercased().contains("if-none-match") == true, "second fetch is conditional")
        server.serve("hexi", body: revised)
        summary = await watcher.runOnce()
        XCTAssertEqual(summary.stored, 1)
        let types = try store.events(source: "hexi").map(\.type)
        XCTAssertEqual(types.sorted(), ["bulletin.new", "bulletin.updated", "indicator.changed"])
        let changed = try XCTUnwrap(try store.events(source: "hexi").first { $0.type == "indicator.changed" })
        let event = try Event.decode(changed.payload)
        XCTAssertEqual(event.indicator?.old, "1286.4")
        XCTAssertEqual(event.indicator?.new, "1292.8")
        let health = try XCTUnwrap(try store.health(of: "hexi"))
        XCTAssertEqual(health.consecutiveFailures, 0)
        XCTAssertGreaterThan(try XCTUnwrap(health.nextDueAt), Date().addingTimeInterval(50))
    }

    func testRunOnce_oneSourceFailing_doesNotStopTheOthers() async throws {
        server.serve("good", body: report)
        server.serve("bad", body: [], status: 503)
        let (watcher, store) = try watcher(config(["bad", "good"]))
        let summary = await watcher.runOnce()
        XCTAssertEqual(summary.stored, 1)
        XCTAssertEqual(summary.failures.map(\.source), ["bad"])
        XCTAssertEqual(try store.versions(of: "good").count, 1)
        let health = try XCTUnwrap(try store.health(of: "bad"))
        XCTAssertEqual(health.consecutiveFailures, 1)
        XCTAssertEqual(health.lastError, "HTTP 503 Service Unavailable")
    }

    func testFailures_raiseSourceFailingOnceAfterThreshold_thenRecoveredOnce() async throws {
        server.serve("flaky", body: [], status: 500)
        let (watcher, store) = try watcher(config(["flaky"], failingAfter: 3))
        for _ in 0..<5 { _ = await watcher.runOnce() }
        XCTAssertEqual(try store.events(source: "flaky").map(\.type), ["source.failing"])
        let failing = try Event.decode(try store.events(source: "flaky")[0].payload)
        XCTAssertEqual(failing.error, "HTTP 500 Internal Server Error")
        server.serve("flaky", body: report)
        _ = await watcher.runOnce()
        _ = await watcher.runOnce()
        XCTAssertEqual(
            try store.events(source: "flaky").map(\.type), ["source.recovered", "bulletin.new", "source.failing"])
        XCTAssertEqual(try store.health(of: "flaky")?.consecutiveFailures, 0)
    }

    func testRestart_keepsRememberedDueTimes() async throws {
        server.serve("hexi", body: report)
        var (watcher, _) = try watcher(config(["hexi"]))
        _ = await watcher.runOnce()
        let first = await watcher.schedule().first?.nextDueAt
        let due = try XCTUnwrap(first)
        (watcher, _) = try self.watcher(config(["hexi"]))
        let second = await watcher.schedule().first?.nextDueAt
        let again = try XCTUnwrap(second)
        XCTAssertEqual(again.timeIntervalSince1970, due.timeIntervalSince1970, accuracy: 0.01)
    }

    func testReload_addsRemovesAndReschedules_andRefusesAMovedStore() async throws {
        let (watcher, _) = try watcher(config(["one", "two"]))
        var next = config(["two", "three"])
        let summary = try await watcher.reload(next)
        XCTAssertEqual(summary, "2 sources: 1 added, 1 removed, 0 changed")
        let ids = await watcher.schedule().map(\.sourceId)
        XCTAssertEqual(ids, ["two", "three"])
        next.stateDirectory = "/elsewhere"
        do {
            _ = try await watcher.reload(next)
            XCTFail("a moved store must be refused")
        } catch {
            XCTAssertTrue("\(error)".contains("state_directory"))
        }
        let kept = await watcher.schedule().map(\.sourceId)
        XCTAssertEqual(kept, ["two", "three"])
    }

    func testRun_checksDueSources_andStopsWhenAsked() async throws {
        server.serve("hexi", body: report)
        var config = config(["hexi"])
        config.sources[0].every = .seconds(1)
        let (watcher, store) = try watcher(config)
        let stop = Flag()
        let running = Task { await watcher.run(stopping: { stop.isSet }) }
        try await waitUntil { (try? store.versions(of: "hexi").count) == 1 }
        server.serve("hexi", body: revised)
        try await waitUntil { (try? store.versions(of: "hexi").count) == 2 }
        let stoppedAt = ContinuousClock.now
        stop.set()
        await running.value
        XCTAssertLessThan(ContinuousClock.now - stoppedAt, .seconds(3))
    }

    private func waitUntil(seconds: Double = 20, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { return XCTFail("condition not met within \(seconds) s") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

final class DiscoveryTests: XCTestCase {
    func testListing_newMatchingLinks_becomeTrackedDocumentsWithBulletinNew() async throws {
        let server = try HostileServer()
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("discover-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        func listing(_ reports: [String]) -> [UInt8] {
            let links = reports.map { "<li><a href=\"/docs/\($0)\">河西市\($0)年政府工作报告</a></li>" }.joined()
            return Array(
                "<html><body><ul>\(links)<li><a href=\"/docs/notice\">关于放假的通知</a></li></ul></body></html>".utf8)
        }
        server.serve("list", body: listing(["2024"]), contentType: "text/html; charset=utf-8")
        server.serve("2024", body: Array("2024年全市地区生产总值增长6%左右。".utf8))
        server.serve("2025", body: Array("2025年全市地区生产总值增长5.5%左右。".utf8))
        var config = WatchConfig()
        config.stateDirectory = folder.path
        var source = SourceConfig(id: "hexi-list", url: "\(server.base)/docs/list", every: .seconds(60))
        source.region = "河西市"
        source.discover = DiscoverRule(pattern: "政府工作报告")
        config.sources = [source]
        let store = try SnapshotStore(directory: folder.path)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        var watcher = try Watcher(
            config: config, store: store, logger: logger, systemd: SystemdNotifier(environment: [:]))
        var summary = await watcher.runOnce()
        XCTAssertEqual(summary.stored, 1, "the found report is fetched in the same run")
        let found = try store.discovered(parent: "hexi-list")
        XCTAssertEqual(found.map(\.url), ["\(server.base)/docs/2024"])
        XCTAssertEqual(found.first?.title, "河西市2024年政府工作报告")
        let child = try XCTUnwrap(found.first?.id)
        XCTAssertTrue(child.hasPrefix("hexi-list-"))
        let new = try XCTUnwrap(try store.events(source: child).first)
        XCTAssertEqual(new.type, "bulletin.new")
        XCTAssertEqual(try Event.decode(new.payload).source.region, "河西市")

        // Unchanged listing: nothing new. A new report on it: tracked, and a restart keeps both.
        summary = await watcher.runOnce()
        XCTAssertEqual(summary.stored, 0)
        server.serve("list", body: listing(["2025", "2024"]), contentType: "text/html; charset=utf-8")
        watcher = try Watcher(config: config, store: store, logger: logger, systemd: SystemdNotifier(environment: [:]))
        summary = await watcher.runOnce()
        XCTAssertEqual(summary.stored, 1)
        XCTAssertEqual(try store.discovered(parent: "hexi-list").count, 2)
        let scheduled = await watcher.schedule().map(\.sourceId)
        XCTAssertEqual(scheduled.count, 3)
    }
}
