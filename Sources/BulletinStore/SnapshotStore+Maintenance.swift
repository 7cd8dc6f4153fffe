public import BulletinParser
public import Foundation
import GRDB

/// What `verify` found.
public struct VerifyReport: Sendable {
    /// Damage: a blob that does not match its hash, a version whose blob is missing, a failed
    /// integrity check, debris left while no writer runs.
    public var faults: [String] = []
    /// Worth knowing, not damage: blobs no version refers to (a write interrupted before its
    /// index commit leaves one; the content is stored again by the next fetch of it).
    public var notes: [String] = []
    public var blobsChecked = 0
    public var bytesChecked = 0
    public var versions = 0

    public var isClean: Bool { faults.isEmpty }
}

extension SnapshotStore {
    /// Rehashes every blob, checks that every version's blob exists, runs SQLite's integrity check,
    /// and lists orphans and leftover temporary files.
    public func verify(progress: (Int, Int) -> Void = { _, _ in }) throws(StoreError) -> VerifyReport {
        var report = VerifyReport()
        let integrity = try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        if integrity != ["ok"] { report.faults += integrity.map { "index: \($0)" } }
        let versions = try read { db in try VersionRecord.fetchAll(db) }
        report.versions = versions.count
        let referenced = Set(versions.filter { !$0.blobPruned }.map(\.blob))
        for version in versions where !version.blobPruned && blobs.storedPath(of: version.blob) == nil {
            report.faults.append("\(version.sourceId) version \(version.sequence): blob \(version.blob) is missing")
        }
        // Listed under the writers' lock when it is free, so a write in progress is neither an
        // orphan nor debris.
        let listAll = { self.blobFolders().flatMap { folder in self.entries(of: folder).map { "\(folder)/\($0)" } } }
        let lockedFiles = try lock.ifFree { listAll() }
        let files = lockedFiles ?? listAll()
        let isTemporary = { (path: String) in
            (path.split(separator: "/").last ?? "").hasPrefix(DurableFile.temporaryPrefix)
        }
        if lockedFiles != nil {
            report.faults += files.filter(isTemporary).map { "leftover temporary file \($0)" }
        }
        let blobFiles = files.filter { !isTemporary($0) }
        for (index, path) in blobFiles.enumerated() {
            progress(index + 1, blobFiles.count)
            let name = String(path.split(separator: "/").last ?? "")
            let hash = name.hasSuffix(".z") ? String(name.dropLast(2)) : name
            do {
                let bytes = try blobs.read(path: path)
                report.blobsChecked += 1
                report.bytesChecked += bytes.count
                if SHA256.hex(of: bytes) != hash { report.faults.append("blob \(path) does not match its hash") }
            } catch {
                report.faults.append("blob \(path): \(error)")
            }
            if lockedFiles != nil && !referenced.contains(hash) {
                report.notes.append("orphan blob \(path): no version refers to it")
            }
        }
        return report
    }

    /// Removes the blobs of versions beyond the newest `keepVersions` and older than `keepDays`
    /// (either limit alone, or both: a blob goes only when both say so). Indicators stay.
    /// Returns how many blobs were removed.
    @discardableResult
    public func applyRetention(
        source sourceId: String, keepVersions: Int?, keepDays: Int?, now: Date = Date()
    ) throws(StoreError) -> Int {
        guard keepVersions != nil || keepDays != nil else { return 0 }
        return try lock.exclusively { () throws(StoreError) in
            let versions = try read { db in
                try VersionRecord.filter(Column("sourceId") == sourceId).order(Column("sequence").desc).fetchAll(db)
            }
            let cutoff = keepDays.map { now.addingTimeInterval(-Double($0) * 86_400) }
            var pruned: [VersionRecord] = []
            for (rank, version) in versions.enumerated() where !version.blobPruned {
                let beyondCount = keepVersions.map { rank >= $0 } ?? true
                let beyondAge = cutoff.map { version.lastSeenAt < $0 } ?? true
                if beyondCount && beyondAge { pruned.append(version) }
            }
            guard !pruned.isEmpty else { return 0 }
            // The index first: a crash after this commit leaves an orphan, never a version without its blob.
            let stillUsed = try write { db -> Set<String> in
                for var version in pruned {
                    version.blobPruned = true
                    try version.update(db)
                }
                let hashes = Set(pruned.map(\.blob))
                let used = try String.fetchAll(
                    db,
                    VersionRecord.select(Column("blob")).filter(hashes.contains(Column("blob")))
                        .filter(Column("blobPruned") == false))
                return Set(used)
            }
            var removed = 0
            for hash in Set(pruned.map(\.blob)).subtracting(stillUsed) {
                try blobs.remove(hash)
                removed += 1
            }
            return removed
        }
    }

    /// Runs `parse` over every stored blob (of one source, or all) and replaces each version's
    /// indicators with what it finds, so history improves when the parser does.
    /// Versions whose blob was removed by retention keep their indicators.
    public func reparse(
        source: String? = nil, parserVersion: String = BulletinParser.version,
        parse: (VersionRecord, [UInt8]) throws -> [Indicator],
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws(StoreError) -> (reparsed: Int, skipped: Int) {
        var request = VersionRecord.order(Column("sourceId"), Column("sequence"))
        if let source { request = request.filter(Column("sourceId") == source) }
        let versions = try read { db in try request.fetchAll(db) }
        var reparsed = 0
        var skipped = 0
        for (index, version) in versions.enumerated() {
            progress(index + 1, versions.count)
            guard !version.blobPruned else {
                skipped += 1
                continue
            }
            let bytes = try blobs.get(version.blob)
            let indicators: [Indicator]
            do { indicators = try parse(version, bytes) } catch { throw StoreError.invalid("\(error)") }
            try lock.exclusively { () throws(StoreError) in
                try write { db in
                    try db.execute(sql: "DELETE FROM indicator WHERE versionId = ?", arguments: [version.id!])
                    _ = try insertIndicators(indicators, versionId: version.id!, in: db)
                    try db.execute(
                        sql: "UPDATE version SET parserVersion = ?, indicatorCount = ? WHERE id = ?",
                        arguments: [parserVersion, indicators.count, version.id!])
                }
            }
            reparsed += 1
        }
        return (reparsed, skipped)
    }
}
