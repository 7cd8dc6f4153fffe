import Foundation
import GRDB
import XCTest

@testable import BulletinStore

final class EventRetentionTests: StoreTestCase {
    private let day = 86_400.0

    /// Three versions: two a year old, one today; each change raises events at its fetch time.
    private func storeWithOldAndNewEvents() throws -> (SnapshotStore, old: [OutboxRecord], new: [OutboxRecord]) {
        let store = try openStore()
        let yearAgo = Date(timeIntervalSinceNow: -365 * day)
        try store.registerSinks(["ops"], at: yearAgo)
        for (gdp, date) in [("1609", yearAgo), ("1612", yearAgo + day), ("1620", Date())] {
            var version = snapshot(gdp: gdp)
            version.fetchedAt = date
            _ = try store.record(version)
        }
        let all = try store.events(limit: 100)
        let cutoff = Date(timeIntervalSinceNow: -180 * day)
        return (store, all.filter { $0.createdAt < cutoff }, all.filter { $0.createdAt >= cutoff })
    }

    private func settle(_ store: SnapshotStore, sink: String, before cutoff: Date) throws {
        let owed = try store.pendingDeliveries(for: sink).filter { $0.event.createdAt < cutoff }
        try store.recordDeliveries(owed.map { DeliveryRecord(outboxId: $0.event.id!, sink: sink, state: .delivered) })
        try store.advanceWatermark(of: sink)
    }

    func testRemoveSettledEvents_whenASinkHasNotFinishedWithThem_keepsThem() throws {
        let (store, old, new) = try storeWithOldAndNewEvents()
        XCTAssertFalse(old.isEmpty)
        XCTAssertFalse(new.isEmpty)
        let cutoff = Date(timeIntervalSinceNow: -180 * day)
        XCTAssertEqual(try store.removeSettledEvents(olderThan: cutoff, sinks: ["ops"]), 0)
        XCTAssertEqual(try store.events(limit: 100).count, old.count + new.count)
    }

    func testRemoveSettledEvents_removesOldSettledOnes_andKeepsNewOnesAndTheirDeliveries() throws {
        let (store, old, new) = try storeWithOldAndNewEvents()
        let cutoff = Date(timeIntervalSinceNow: -180 * day)
        try settle(store, sink: "ops", before: cutoff)
        XCTAssertEqual(try store.removeSettledEvents(olderThan: cutoff, sinks: ["ops"]), old.count)
        XCTAssertEqual(try store.events(limit: 100).map(\.eventId).sorted(), new.map(\.eventId).sorted())
        // the delivery rows of the removed events went with them; the new ones are still owed
        XCTAssertEqual(try store.deliveries(of: old.map { $0.id! }).count, 0)
        XCTAssertEqual(try store.pendingDeliveries(for: "ops").count, new.count)
    }

    func testRemoveSettledEvents_aSecondSinkStillOwed_holdsThemBack() throws {
        let (store, old, _) = try storeWithOldAndNewEvents()
        let cutoff = Date(timeIntervalSinceNow: -180 * day)
        try store.write { db in try db.execute(sql: "INSERT INTO sink VALUES ('mail', 0, ?)", arguments: [Date()]) }
        try settle(store, sink: "ops", before: cutoff)
        XCTAssertEqual(try store.removeSettledEvents(olderThan: cutoff, sinks: ["ops", "mail"]), 0)
        // a sink no longer configured holds nothing back
        XCTAssertEqual(try store.removeSettledEvents(olderThan: cutoff, sinks: ["ops"]), old.count)
    }

    func testRemoveSettledEvents_keepsTargetEvents_soATargetIsJudgedOnce() throws {
        let (store, _, _) = try storeWithOldAndNewEvents()
        let cutoff = Date(timeIntervalSinceNow: -180 * day)
        try store.write { db in
            var row = OutboxRecord(
                id: nil, eventId: "target-1", sourceId: "hexi-report", versionId: nil, type: "target.met",
                createdAt: Date(timeIntervalSinceNow: -300 * day), payload: "{}")
            try row.insert(db)
        }
        try settle(store, sink: "ops", before: cutoff)
        try store.removeSettledEvents(olderThan: cutoff, sinks: ["ops"])
        XCTAssertTrue(try store.events(limit: 100).contains { $0.eventId == "target-1" })
    }
}
