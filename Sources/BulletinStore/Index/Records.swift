import BulletinParser
public import Foundation
public import GRDB

/// A watched source: one URL, or one document found on a listing page.
public struct SourceRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "source"
    public var id: String
    public var url: String
    public var region: String?
    public var createdAt: Date
    /// The last time its document was checked, changed or not.
    public var lastCheckedAt: Date?
}

/// One stored version of a source's document.
public struct VersionRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "version"
    public var id: Int64?
    public var sourceId: String
    /// 1, 2, 3 … within the source.
    public var sequence: Int
    /// When this content was first fetched.
    public var fetchedAt: Date
    /// The last check that found this same content.
    public var lastSeenAt: Date
    public var url: String
    public var httpStatus: Int?
    public var etag: String?
    public var lastModified: String?
    /// SHA-256 of the document as fetched.
    public var blob: String
    public var size: Int
    public var storedSize: Int
    public var contentType: String?
    public var charset: String?
    public var title: String?
    public var documentYear: Int?
    public var parserVersion: String
    public var indicatorCount: Int
    /// True once retention removed the blob (the indicators stay).
    public var blobPruned: Bool

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One indicator of one version, every field `bulletind parse` prints, plus its identity key.
public struct IndicatorRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "indicator"
    public var id: Int64?
    public var versionId: Int64
    public var position: Int
    /// Identity across versions: period, kind, status and the normalised subject.
    public var key: String
    public var subject: String
    public var kind: String
    public var value: String
    public var upper: String?
    public var unit: String
    public var qualifier: String?
    public var period: String?
    public var status: String
    public var text: String
    public var start: Int
    public var end: Int
    public var item: Int?
    public var confidence: Double

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Reads a row by column position: several times faster than Codable decoding, which matters
    /// for a history over thousands of versions.
    public init(row: Row) throws {
        id = row[0]
        versionId = row[1]
        position = row[2]
        key = row[3]
        subject = row[4]
        kind = row[5]
        value = row[6]
        upper = row[7]
        unit = row[8]
        qualifier = row[9]
        period = row[10]
        status = row[11]
        text = row[12]
        start = row[13]
        end = row[14]
        item = row[15]
        confidence = row[16]
    }

    init(_ indicator: Indicator, versionId: Int64, position: Int, key: String) {
        self.versionId = versionId
        self.position = position
        self.key = key
        subject = indicator.subject
        kind = indicator.kind.rawValue
        value = indicator.value
        upper = indicator.upper
        unit = indicator.unit
        qualifier = indicator.qualifier
        period = indicator.period
        status = indicator.status.rawValue
        text = indicator.text
        start = indicator.start
        end = indicator.end
        item = indicator.item
        confidence = indicator.confidence
    }
}

/// An event waiting to be delivered, committed with the version that caused it.
public struct OutboxRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outbox"
    public var id: Int64?
    /// Stable across retries: derived from the source, version, type and indicator.
    public var eventId: String
    public var sourceId: String
    public var versionId: Int64?
    public var type: String
    public var createdAt: Date
    /// The event as JSON.
    public var payload: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
