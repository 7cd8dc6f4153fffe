import BulletinParser
import Foundation
import XCTest

@testable import BulletinStore

final class SnapshotStoreTests: StoreTestCase {
    func testRecord_firstSnapshot_createsVersionOneWithIndicatorsAndABulletinNewEvent() throws {
        let store = try openStore()
        let outcome = try store.record(snapshot())
        guard case .created(let version, _, let events) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(version.sequence, 1)
        XCTAssertEqual(version.indicatorCount, 2)
        XCTAssertEqual(events, 1)
        XCTAssertEqual(try store.indicators(of: version).map(\.value), ["1609", "5.2"])
        XCTAssertEqual(try store.events().map(\.type), ["bulletin.new"])
    }

    func testRecord_whenContentIsIdentical_makesNoVersionButRecordsTheCheck() throws {
        let store = try openStore()
        var first = snapshot()
        first.fetchedAt = Date(timeIntervalSince1970: 1_700_000_000)
        _ = try store.record(first)
        var again = snapshot()
        again.fetchedAt = Date(timeIntervalSince1970: 1_700_086_400)
        let outcome = try store.record(again)
        guard case .unchanged(let version) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(version.sequence, 1)
        XCTAssertEqual(try store.versions(of: "hexi-report").count, 1)
        XCTAssertEqual(try store.versions(of: "hexi-report")[0].lastSeenAt, again.fetchedAt)
        XCTAssertEqual(try store.sources()[0].lastCheckedAt, again.fetchedAt)
    }

    func testRecord_revisedContent_makesVersionTwoWithChangeEvents() throws {
        let store = try openStore()
        _ = try store.record(snapshot())
        let outcome = try store.record(snapshot(gdp: "1612"))
        guard case .created(let version, let changes, _) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(version.sequence, 2)
        XCTAssertEqual(changes.count, 1)
        XCTAssertEqual(changes[0].kind, .changed)
        XCTAssertEqual(changes[0].delta, "3")
        XCTAssertEqual(changes[0].relative ?? 0, 3.0 / 1609, accuracy: 1e-9)
        let events = try store.events()
        XCTAssertEqual(Set(events.map(\.type)), ["bulletin.new", "bulletin.updated", "indicator.changed"])
        let changed = try Event.decode(try XCTUnwrap(events.first { $0.type == "indicator.changed" }).payload)
        XCTAssertEqual(changed.indicator?.old, "1609")
        XCTAssertEqual(changed.indicator?.new, "1612")
        XCTAssertEqual(changed.document?.previousVersion, 1)
    }

    func testRecord_contentRevertedToAnEarlierVersion_isANewVersionSharingTheBlob() throws {
        let store = try openStore()
        _ = try store.record(snapshot())
        _ = try store.record(snapshot(gdp: "1612"))
        _ = try store.record(snapshot())
        let versions = try store.versions(of: "hexi-report")
        XCTAssertEqual(versions.map(\.sequence), [1, 2, 3])
        XCTAssertEqual(versions[0].blob, versions[2].blob)
        XCTAssertEqual(blobFiles().count, 2)
    }

    func testRecord_eventIdsAreStableForTheSameVersionAndChange() throws {
        let a = Event.stableID("hexi-report", "2", "indicator.changed", "2023|level|actual|地区生产总值")
        let b = Event.stableID("hexi-report", "2", "indicator.changed", "2023|level|actual|地区生产总值")
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, Event.stableID("hexi-report", "3", "indicator.changed", "2023|level|actual|地区生产总值"))
    }

    func testRecord_refusesABadSourceId() throws {
        let store = try openStore()
        XCTAssertThrowsError(try store.record(snapshot("Hexi Report"))) { error in
            XCTAssertEqual(
                error as? StoreError, .invalid("source id \"Hexi Report\": use lowercase letters, digits and -"))
        }
    }

    func testBlob_isCompressedAndReadsBackToTheSameBytes() throws {
        let store = try openStore()
        let long = snapshot(extra: String(repeating: "全市规模以上工业增加值增长6.8%。", count: 200))
        let version = try store.record(long).version
        XCTAssertLessThan(version.storedSize, version.size)
        XCTAssertTrue(blobFiles().contains { $0.hasSuffix(".z") })
        XCTAssertEqual(try store.blobs.get(version.blob), long.content)
    }

    func testHistory_findsOneIndicatorAcrossVersions() throws {
        let store = try openStore()
        for gdp in ["1609", "1612", "1615"] { _ = try store.record(snapshot(gdp: gdp)) }
        let history = try store.history(of: "hexi-report", indicator: "生产总值")
        XCTAssertEqual(history.map { $0.indicators.first { $0.kind == "level" }?.value }, ["1609", "1612", "1615"])
    }

    func testDiff_betweenChosenVersions() throws {
        let store = try openStore()
        for gdp in ["1609", "1612", "1615"] { _ = try store.record(snapshot(gdp: gdp)) }
        let (from, to, changes) = try store.diff(of: "hexi-report", from: 1, to: 3)
        XCTAssertEqual([from.sequence, to.sequence], [1, 3])
        XCTAssertEqual(changes.map(\.delta), ["6"])
        XCTAssertThrowsError(try store.diff(of: "hexi-report", from: 1, to: 9))
    }

    func testKeys_ignorePunctuationAndNumberRepeats() {
        let gdp = Indicator(subject: "地区生产总值（GDP）", kind: .level, value: "1", unit: "亿元", period: "2023")
        XCTAssertEqual(
            IndicatorDiff.keys(for: [gdp, gdp]), ["2023|level|actual|地区生产总值gdp", "2023|level|actual|地区生产总值gdp#2"])
    }

    func testRetention_keepsTheNewestBlobsAndEveryIndicator() throws {
        let store = try openStore()
        for gdp in ["1609", "1612", "1615", "1618"] { _ = try store.record(snapshot(gdp: gdp)) }
        let removed = try store.applyRetention(source: "hexi-report", keepVersions: 2, keepDays: nil)
        XCTAssertEqual(removed, 2)
        let versions = try store.versions(of: "hexi-report")
        XCTAssertEqual(versions.map(\.blobPruned), [true, true, false, false])
        XCTAssertEqual(try store.indicators(of: versions[0]).count, 2, "indicators stay")
        XCTAssertEqual(blobFiles().count, 2)
        XCTAssertTrue(try store.verify().isClean)
    }

    func testRetention_byAge_spareRecentVersions() throws {
        let store = try openStore()
        _ = try store.record(snapshot(gdp: "1609"))
        _ = try store.record(snapshot(gdp: "1612"))
        XCTAssertEqual(try store.applyRetention(source: "hexi-report", keepVersions: nil, keepDays: 30), 0)
        let later = Date().addingTimeInterval(40 * 86_400)
        XCTAssertEqual(try store.applyRetention(source: "hexi-report", keepVersions: 1, keepDays: 30, now: later), 1)
    }

    func testReparse_replacesIndicatorsFromTheStoredBlob() throws {
        let store = try openStore()
        var stale = snapshot()
        stale.indicators = []
        stale.parserVersion = "0.0.1"
        _ = try store.record(stale)
        let result = try store.reparse(parse: { _, bytes in
            try BulletinParser(options: .init(year: 2023)).parse(text: String(decoding: bytes, as: UTF8.self))
                .indicators
        })
        XCTAssertEqual(result.reparsed, 1)
        let version = try store.versions(of: "hexi-report")[0]
        XCTAssertEqual(version.indicatorCount, 2)
        XCTAssertEqual(version.parserVersion, BulletinParser.version)
        XCTAssertEqual(try store.indicators(of: version).count, 2)
    }

    func testReaders_workWhileAnotherConnectionWrites() throws {
        let writer = try openStore()
        _ = try writer.record(snapshot(gdp: "1000"))
        let reader = try SnapshotStore(directory: directory, create: false)
        let done = DispatchSemaphore(value: 0)
        let failures = Counter()
        let snapshots = (1001...1100).map { snapshot(gdp: "\($0)") }
        Thread.detachNewThread {
            for snapshot in snapshots {
                do { _ = try writer.record(snapshot) } catch { failures.add() }
            }
            done.signal()
        }
        var reads = 0
        while done.wait(timeout: .now()) == .timedOut {
            let versions = try reader.versions(of: "hexi-report")
            XCTAssertEqual(versions.map(\.sequence), Array(1...versions.count), "a consistent snapshot")
            _ = try reader.history(of: "hexi-report", indicator: "生产总值")
            reads += 1
        }
        XCTAssertEqual(failures.value, 0)
        XCTAssertEqual(try reader.versions(of: "hexi-report").count, 101)
        XCTAssertGreaterThan(reads, 5)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
