import BulletinParser
import Foundation
import GRDB

extension SnapshotStore {
    /// Stores a snapshot as the source's next version, unless its content is the latest version's.
    ///
    /// The blob is made durable first; then one transaction records the version, its indicators and
    /// the events it causes (in the outbox). If anything fails, nothing of this version is visible.
    public func record(_ snapshot: Snapshot) throws(StoreError) -> RecordOutcome {
        guard Snapshot.isValidSourceId(snapshot.sourceId) else {
            throw StoreError.invalid("source id \"\(snapshot.sourceId)\": use lowercase letters, digits and -")
        }
        return try lock.exclusively { () throws(StoreError) in
            let hash = SHA256.hex(of: snapshot.content)
            let latest = try read { db in try latestVersion(of: snapshot.sourceId, in: db) }
            if let latest, latest.blob == hash, !latest.blobPruned {
                return .unchanged(try touch(latest, with: snapshot))
            }
            let stored = try blobs.put(snapshot.content, hash: hash)
            return try write { db in try insert(snapshot, stored: stored, after: latest, in: db) }
        }
    }

    private func touch(_ latest: VersionRecord, with snapshot: Snapshot) throws(StoreError) -> VersionRecord {
        try write { db in
            var version = latest
            version.lastSeenAt = snapshot.fetchedAt
            version.etag = snapshot.etag ?? version.etag
            version.lastModified = snapshot.lastModified ?? version.lastModified
            try version.update(db)
            try db.execute(
                sql: "UPDATE source SET lastCheckedAt = ? WHERE id = ?",
                arguments: [snapshot.fetchedAt, snapshot.sourceId])
            return version
        }
    }

    private func insert(
        _ snapshot: Snapshot, stored: BlobStore.Stored, after latest: VersionRecord?, in db: Database
    ) throws -> RecordOutcome {
        var source =
            try SourceRecord.fetchOne(db, key: snapshot.sourceId)
            ?? SourceRecord(
                id: snapshot.sourceId, url: snapshot.url, region: snapshot.region, createdAt: snapshot.fetchedAt)
        source.url = snapshot.url
        source.region = snapshot.region ?? source.region
        source.lastCheckedAt = snapshot.fetchedAt
        try source.save(db)

        var version = VersionRecord(
            id: nil, sourceId: snapshot.sourceId, sequence: (latest?.sequence ?? 0) + 1,
            fetchedAt: snapshot.fetchedAt, lastSeenAt: snapshot.fetchedAt, url: snapshot.url,
            httpStatus: snapshot.httpStatus, etag: snapshot.etag, lastModified: snapshot.lastModified,
            blob: stored.hash, size: stored.size, storedSize: stored.storedSize, contentType: snapshot.contentType,
            charset: snapshot.charset, title: snapshot.title, documentYear: snapshot.documentYear,
            parserVersion: snapshot.parserVersion, indicatorCount: snapshot.indicators.count, blobPruned: false)
        try version.insert(db)
        let records = try insertIndicators(snapshot.indicators, versionId: version.id!, in: db)

        let previous = try latest.map { try indicators(ofVersion: $0.id!, in: db) } ?? []
        let changes = latest == nil ? [] : IndicatorDiff.compare(old: previous, new: records)
        let events = EventBuilder(source: source, version: version, previous: latest).events(for: changes)
        for event in events {
            var row = OutboxRecord(
                id: nil, eventId: event.id, sourceId: source.id, versionId: version.id, type: event.type,
                createdAt: event.occurredAt, payload: event.json())
            try row.insert(db)
        }
        // A target judged before (by an earlier version) keeps its first event: ignore repeats.
        for event in try TargetCheck.events(for: records, source: source, version: version, in: db) {
            var row = OutboxRecord(
                id: nil, eventId: event.id, sourceId: source.id, versionId: version.id, type: event.type,
                createdAt: event.occurredAt, payload: event.json())
            try row.insert(db, onConflict: .ignore)
        }
        return .created(version, changes: changes, events: events.count)
    }

    func insertIndicators(_ indicators: [Indicator], versionId: Int64, in db: Database) throws
        -> [IndicatorRecord]
    {
        let keys = IndicatorDiff.keys(for: indicators)
        var records: [IndicatorRecord] = []
        records.reserveCapacity(indicators.count)
        // One cached statement with positional arguments: Codable inserts cost more than SQLite here.
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO indicator (versionId, position, key, subject, kind, value, upper, unit, qualifier,
                  period, status, text, start, "end", item, confidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (position, indicator) in indicators.enumerated() {
            var r = IndicatorRecord(indicator, versionId: versionId, position: position, key: keys[position])
            try insert.execute(arguments: [
                r.versionId, r.position, r.key, r.subject, r.kind, r.value, r.upper, r.unit, r.qualifier, r.period,
                r.status, r.text, r.start, r.end, r.item, r.confidence,
            ])
            r.id = db.lastInsertedRowID
            records.append(r)
        }
        return records
    }

    func latestVersion(of sourceId: String, in db: Database) throws -> VersionRecord? {
        try VersionRecord.filter(Column("sourceId") == sourceId).order(Column("sequence").desc).fetchOne(db)
    }

    func indicators(ofVersion id: Int64, in db: Database) throws -> [IndicatorRecord] {
        try IndicatorRecord.filter(Column("versionId") == id).order(Column("position")).fetchAll(db)
    }
}
