import BulletinWatch
import Foundation
import XCTest

final class ConfigTests: XCTestCase {
    private func problems(_ yaml: String) -> [ConfigProblem] {
        do {
            _ = try WatchConfig.parse(yaml: yaml)
            XCTFail("expected problems in:\n\(yaml)")
            return []
        } catch {
            return error.problems
        }
    }

    func testLoad_shippedExample_isSoundWithItsSources() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("etc/bulletind/bulletind.yaml").path
        let config = try WatchConfig.load(path: path)
        XCTAssertEqual(config.sources.map(\.id), ["tongliao-report", "stats-releases"])
        XCTAssertEqual(config.sources[1].discover?.pattern, "统计公报|国民经济")
        XCTAssertEqual(config.sources[1].discover?.every, .seconds(86400))
        XCTAssertEqual(config.sources[0].every, .seconds(6 * 3600))
        XCTAssertEqual(config.sources[0].activeHours?.description, "08:00-20:00")
        XCTAssertEqual(config.fetch.perHost, 2)
        XCTAssertEqual(config.retry.failingAfter, 3)
    }

    func testParse_fullSource_readsEverySetting() throws {
        let config = try WatchConfig.parse(
            yaml: """
                state_directory: /tmp/s
                fetch: {timeout: 30s, max_bytes: 5MB, concurrency: 4, per_host: 1, user_agent: "ua"}
                sources:
                  - id: tongliao-report
                    url: https://example.org/a.html
                    every: 1h30m
                    jitter: 20%
                    region: 通辽市
                    year: 2024
                    headers: ["Accept-Language: zh-CN"]
                """)
        XCTAssertEqual(config.stateDirectory, "/tmp/s")
        XCTAssertEqual(config.fetch.timeout, .seconds(30))
        XCTAssertEqual(config.fetch.maxBytes, 5 << 20)
        XCTAssertEqual(config.fetch.userAgent, "ua")
        let source = try XCTUnwrap(config.sources.first)
        XCTAssertEqual(source.every, .seconds(5400))
        XCTAssertEqual(source.jitter, 0.2, accuracy: 1e-9)
        XCTAssertEqual(source.region, "通辽市")
        XCTAssertEqual(source.year, 2024)
        XCTAssertEqual(source.headers, ["Accept-Language: zh-CN"])
        XCTAssertEqual(source.line, 4)
    }

    func testParse_retention_readsItsLimits_andRefusesBadOnes() throws {
        let config = try WatchConfig.parse(yaml: "retention: {keep_versions: 50, keep_for: 365d, events_for: 180d}")
        XCTAssertEqual(config.retention.keepVersions, 50)
        XCTAssertEqual(config.retention.keepDays, 365)
        XCTAssertEqual(config.retention.eventsFor, .seconds(180 * 86_400))
        XCTAssertTrue(try WatchConfig.parse(yaml: "state_directory: /tmp/s").retention.isEmpty)

        let found = problems("retention:\n  keep_versions: 0\n  keep_for: 12h\n  events: 30d\n")
        XCTAssertEqual(found.map(\.path), ["retention.keep_versions", "retention.keep_for", "retention.events"])
        XCTAssertEqual(found.map(\.line), [2, 3, 4])
        XCTAssertTrue(found[1].message.contains("too short"), found[1].message)
        XCTAssertTrue(found[2].message.contains("unknown"), found[2].message)
    }

    func testParse_whenKeysUnknown_reportsEachWithLineAndSuggestion() {
        let found = problems(
            """
            state_directory: /tmp/s
            fetch:
              concurency: 4
            sources:
              - id: a
                url: https://example.org/
                every: 1h
                colour: red
            """)
        XCTAssertEqual(found.count, 2)
        XCTAssertEqual(found[0].path, "fetch.concurency")
        XCTAssertEqual(found[0].line, 3)
        XCTAssertTrue(found[0].message.contains("did you mean concurrency?"), found[0].message)
        XCTAssertEqual(found[1].path, "sources[0].colour")
        XCTAssertEqual(found[1].line, 8)
    }

    func testParse_whenDurationsBad_namesThemAndSuggestsAUnit() {
        let found = problems(
            """
            fetch: {timeout: 30}
            sources:
              - {id: a, url: "https://example.org/", every: 6 hours}
              - {id: b, url: "https://example.org/", every: 0s}
            """)
        XCTAssertEqual(found.map(\.path), ["fetch.timeout", "sources[0].every", "sources[1].every"])
        XCTAssertTrue(found[0].message.contains("30s"), found[0].message)
        XCTAssertEqual(found.map(\.line), [1, 3, 4])
        XCTAssertTrue(found[2].message.contains("too short"), found[2].message)
    }

    func testParse_whenIdsRepeatOrAreInvalid_reportsEach() {
        let found = problems(
            """
            sources:
              - {id: same, url: "https://a.example/", every: 1h}
              - {id: same, url: "https://b.example/", every: 1h}
              - {id: Bad_Id, url: "https://c.example/", every: 1h}
              - {url: "https://d.example/", every: 1h}
            """)
        XCTAssertEqual(found.count, 3, "\(found)")
        XCTAssertTrue(found[0].message.contains("already the id of sources[0]"))
        XCTAssertEqual(found[1].path, "sources[2].id")
        XCTAssertEqual(found[2].message, "missing id")
    }

    func testParse_whenURLNotFetchable_refusesIt() {
        let found = problems(
            """
            sources:
              - {id: a, url: "ftp://a.example/", every: 1h}
              - {id: b, url: "file:///etc/passwd", every: 1h}
              - {id: c, url: "https://", every: 1h}
            """)
        XCTAssertEqual(found.map(\.path), ["sources[0].url", "sources[1].url", "sources[2].url"])
        XCTAssertTrue(found[1].message.contains("allow_file"))
    }

    func testParse_whenSecretFileUnreadable_reportsPathAndReason() {
        let found = problems(
            """
            notify:
              - type: webhook
                url: https://hooks.example/
                secret_file: /nonexistent/bulletind-secret
              - type: webhok
              - {type: file, path: /tmp/x, subjects: ["(unclosed"]}
            """)
        XCTAssertEqual(found.count, 3)
        XCTAssertEqual(found[2].path, "notify[2].subjects")
        XCTAssertEqual(found[0].path, "notify[0].secret_file")
        XCTAssertEqual(found[0].line, 4)
        XCTAssertTrue(found[0].message.contains("No such file"), found[0].message)
        XCTAssertTrue(found[1].message.contains("did you mean webhook?"))
    }

    func testParse_whenSecretFileReadable_resolvesItBesideTheConfig() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "whsec_c2VjcmV0\n".write(to: folder.appendingPathComponent("secret"), atomically: true, encoding: .utf8)
        let config = try WatchConfig.parse(
            yaml: "notify:\n  - {type: webhook, url: 'https://h.example/', secret_file: secret}\n",
            relativeTo: folder.path)
        XCTAssertEqual(config.notify.first?.settings["secret_file"], folder.appendingPathComponent("secret").path)
        XCTAssertEqual(config.notify.first?.name, "webhook")
    }

    func testParse_whenYAMLBrokenOrKeyRepeated_givesTheLine() {
        let broken = problems("sources:\n  - id: a\n  url: x\n")
        XCTAssertEqual(broken.count, 1)
        XCTAssertEqual(broken[0].line, 3)
        let repeated = problems("log_level: info\nsources: []\nlog_level: debug\n")
        XCTAssertTrue(repeated[0].message.contains("given twice: log_level"), repeated[0].message)
    }

    func testLoad_whenFileMissing_saysSo() {
        XCTAssertThrowsError(try WatchConfig.load(path: "/nonexistent/bulletind.yaml")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/bulletind.yaml: no such file")
        }
    }

    func testDurationText_readsAndWritesUsualForms() {
        XCTAssertEqual(DurationText.parse("30s"), .seconds(30))
        XCTAssertEqual(DurationText.parse("6h"), .seconds(21600))
        XCTAssertEqual(DurationText.parse("1h30m"), .seconds(5400))
        XCTAssertEqual(DurationText.parse("500ms"), .milliseconds(500))
        XCTAssertEqual(DurationText.parse("2d"), .seconds(172_800))
        for bad in ["", "30", "6 hours", "h", "-5s", "1y"] { XCTAssertNil(DurationText.parse(bad), bad) }
        XCTAssertEqual(DurationText.format(.seconds(5400)), "1h30m")
        XCTAssertEqual(DurationText.format(.seconds(45)), "45s")
        XCTAssertEqual(DurationText.format(.seconds(240)), "4m")
    }

    func testActiveHours_acrossMidnight_opensAtItsStart() throws {
        let zone = try XCTUnwrap(TimeZone(identifier: "Asia/Shanghai"))
        let night = try XCTUnwrap(ActiveHours(parsing: "22:00-06:00"))
        let noon = Date(timeIntervalSince1970: 1_735_704_000)  // 2025-01-01 12:00 in Shanghai
        XCTAssertFalse(night.contains(noon, in: zone))
        let opening = night.nextOpening(after: noon, in: zone)
        XCTAssertEqual(opening.timeIntervalSince(noon), 10 * 3600)
        XCTAssertTrue(night.contains(opening.addingTimeInterval(7 * 3600), in: zone))
        XCTAssertNil(ActiveHours(parsing: "8-20"))
        XCTAssertNil(ActiveHours(parsing: "08:00-08:00"))
        XCTAssertNil(ActiveHours(parsing: "25:00-08:00"))
    }
}
