import GRDB

extension SnapshotStore {
    /// Every source, by id.
    public func sources() throws(StoreError) -> [SourceRecord] {
        try read { db in try SourceRecord.order(Column("id")).fetchAll(db) }
    }

    /// A source's versions, oldest first.
    public func versions(of sourceId: String) throws(StoreError) -> [VersionRecord] {
        let versions = try read { db in
            try VersionRecord.filter(Column("sourceId") == sourceId).order(Column("sequence")).fetchAll(db)
        }
        if versions.isEmpty, try read({ db in try SourceRecord.fetchOne(db, key: sourceId) }) == nil {
            throw StoreError.notFound("no source \"\(sourceId)\" in \(directory)")
        }
        return versions
    }

    /// The indicators of one version, in document order.
    public func indicators(of version: VersionRecord) throws(StoreError) -> [IndicatorRecord] {
        guard let id = version.id else { return [] }
        return try read { db in try indicators(ofVersion: id, in: db) }
    }

    /// One indicator across a source's versions: for each version, the indicators whose subject
    /// contains `text` (or whose identity key is `text`).
    public func history(of sourceId: String, indicator text: String) throws(StoreError)
        -> [(version: VersionRecord, indicators: [IndicatorRecord])]
    {
        let versions = try versions(of: sourceId)
        let pattern = "%\(text)%"
        // One query over the whole source rather than one a version.
        let matches = try read { db in
            try IndicatorRecord.fetchAll(
                db,
                sql: """
                    SELECT indicator.* FROM indicator JOIN version ON version.id = indicator.versionId
                    WHERE version.sourceId = ? AND (indicator.subject LIKE ? OR indicator.key = ?)
                    ORDER BY indicator.versionId, indicator.position
                    """, arguments: [sourceId, pattern, text])
        }
        let byVersion = Dictionary(grouping: matches, by: \.versionId)
        return versions.map { version in (version, byVersion[version.id!] ?? []) }
    }

    /// How the indicators of version `to` differ from those of version `from` (sequence numbers);
    /// by default the latest two.
    public func diff(of sourceId: String, from: Int? = nil, to: Int? = nil) throws(StoreError)
        -> (from: VersionRecord, to: VersionRecord, changes: [IndicatorChange])
    {
        let versions = try versions(of: sourceId)
        func find(_ sequence: Int) throws(StoreError) -> VersionRecord {
            guard let version = versions.first(where: { $0.sequence == sequence }) else {
                throw StoreError.notFound("source \(sourceId) has no version \(sequence) (it has 1…\(versions.count))")
            }
            return version
        }
        guard versions.count >= 2 || (from != nil && to != nil) else {
            throw StoreError.notFound("source \(sourceId) has \(versions.count) version(s); a diff needs two")
        }
        let newer = try find(to ?? versions.last!.sequence)
        let older = try find(from ?? (newer.sequence > 1 ? newer.sequence - 1 : 1))
        let changes = IndicatorDiff.compare(old: try indicators(of: older), new: try indicators(of: newer))
        return (older, newer, changes)
    }

    /// Every indicator of every version (of one source, or all), streamed in source, version and
    /// document order, with its version.
    public func forEachIndicator(
        source: String? = nil, _ body: (VersionRecord, IndicatorRecord) throws -> Void
    ) throws(StoreError) {
        try read { db in
            var request = VersionRecord.order(Column("sourceId"), Column("sequence"))
            if let source { request = request.filter(Column("sourceId") == source) }
            let versions = try request.fetchAll(db)
            for version in versions {
                let cursor = try IndicatorRecord.filter(Column("versionId") == version.id!)
                    .order(Column("position")).fetchCursor(db)
                while let indicator = try cursor.next() { try body(version, indicator) }
            }
        }
    }

    /// Events in the outbox, newest first.
    public func events(source: String? = nil, limit: Int = 50) throws(StoreError) -> [OutboxRecord] {
        try read { db in
            var request = OutboxRecord.order(Column("id").desc).limit(limit)
            if let source { request = request.filter(Column("sourceId") == source) }
            return try request.fetchAll(db)
        }
    }
}
