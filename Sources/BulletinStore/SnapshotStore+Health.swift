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
        try save(CheckBatch(health: [health], events: events))
    }

    /// Saves many checks in one transaction: for a daemon checking a thousand sources, one commit
    /// (and one fsync) instead of a thousand.
    public func save(_ batch: CheckBatch) throws(StoreError) {
        guard !batch.isEmpty else { return }
        try lock.exclusively { () throws(StoreError) in
            try write { db in
                // Cached statements with positional arguments: a thousand rows a batch is common, and
                // Codable encoding plus a statement compiled per row cost more than the commit.
                let upsert = try db.cachedStatement(
                    sql: """
                        INSERT OR REPLACE INTO watch (sourceId, url, nextDueAt, lastAttemptAt, lastSuccessAt,
                          consecutiveFailures, lastError, lastErrorAt, failingReported)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                for h in batch.health {
                    try upsert.execute(arguments: [
                        h.sourceId, h.url, h.nextDueAt, h.lastAttemptAt, h.lastSuccessAt, h.consecutiveFailures,
                        h.lastError, h.lastErrorAt, h.failingReported,
                    ])
                }
                let checked = try db.cachedStatement(sql: "UPDATE source SET lastCheckedAt = ? WHERE id = ?")
                let seenAgain = try db.cachedStatement(
                    sql: """
                        UPDATE version SET lastSeenAt = ?, etag = coalesce(?, etag),
                          lastModified = coalesce(?, lastModified)
                        WHERE id = (SELECT id FROM version WHERE sourceId = ? ORDER BY sequence DESC LIMIT 1)
                        """)
                for seen in batch.unchanged {
                    try checked.execute(arguments: [seen.at, seen.sourceId])
                    try seenAgain.execute(arguments: [seen.at, seen.etag, seen.lastModified, seen.sourceId])
                }
                for event in batch.events {
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
        try save(CheckBatch(health: healths))
    }

    /// The latest version of every source, in one query (the daemon's start).
    public func latestVersions() throws(StoreError) -> [String: VersionRecord] {
        try read { db in
            let latest = try VersionRecord.fetchAll(
                db,
                sql: """
                    SELECT version.* FROM version JOIN
                      (SELECT sourceId AS s, MAX(sequence) AS m FROM version GROUP BY sourceId) AS newest
                    ON version.sourceId = newest.s AND version.sequence = newest.m
                    """)
            return Dictionary(latest.map { ($0.sourceId, $0) }) { first, _ in first }
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
