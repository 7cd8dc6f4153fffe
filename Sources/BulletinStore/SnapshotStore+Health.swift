import Foundation
import GRDB

extension SnapshotStore {
    /// Every source's schedule and health, by id.
    public func health() throws(StoreError) -> [SourceHealth] {
        try read { db in try SourceHealth.order(Column("sourceId")).fetchAll(db) }
    }

    /// One source's schedule and health, or nil when it was never scheduled.
    public func health(of sourceId: String) throws(StoreError) -> SourceHealth? {
        try read { db in try SourceHealth.fetchOne(db, key: sourceId) }
    }

    /// Saves a source's schedule and health, and queues `events` (source.failing, source.recovered)
    /// in the same transaction.
    public func save(_ health: SourceHealth, events: [Event] = []) throws(StoreError) {
        try lock.exclusively { () throws(StoreError) in
            try write { db in
                try health.save(db)
                for event in events {
                    var row = OutboxRecord(
                        id: nil, eventId: event.id, sourceId: event.source.id, versionId: nil, type: event.type,
                        createdAt: event.occurredAt, payload: event.json())
                    try row.insert(db, onConflict: .ignore)
                }
            }
        }
    }

    /// Saves the schedules of many sources in one transaction (the daemon's start).
    public func save(_ healths: [SourceHealth]) throws(StoreError) {
        guard !healths.isEmpty else { return }
        try lock.exclusively { () throws(StoreError) in
            try write { db in for health in healths { try health.save(db) } }
        }
    }

    /// The latest version of a source, or nil when it has none.
    public func latestVersion(of sourceId: String) throws(StoreError) -> VersionRecord? {
        try read { db in try latestVersion(of: sourceId, in: db) }
    }

    /// How many versions each source has, and when the latest appeared.
    public func versionSummaries() throws(StoreError) -> [String: VersionSummary] {
        try read { db in
            var result: [String: VersionSummary] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT sourceId, COUNT(*), MAX(fetchedAt) FROM version GROUP BY sourceId")
            while let row = try rows.next() {
                result[row[0]] = VersionSummary(count: row[1], lastChangeAt: row[2])
            }
            return result
        }
    }
}
