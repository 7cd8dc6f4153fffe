public import BulletinParser
public import Foundation

/// A document as fetched (or read from a file), with what the parser found in it, ready to store.
public struct Snapshot: Sendable {
    /// The source's id ([a-z0-9-]).
    public var sourceId: String
    /// The source's URL (or the file's path for an ingest).
    public var url: String
    public var region: String?
    /// The bytes as fetched: this is what is hashed and kept.
    public var content: [UInt8]
    public var fetchedAt: Date
    public var httpStatus: Int?
    public var etag: String?
    public var lastModified: String?
    public var contentType: String?
    public var charset: String?
    public var title: String?
    public var documentYear: Int?
    public var indicators: [Indicator]
    public var parserVersion: String

    /// A snapshot of `content` from `url`, parsed into `indicators`.
    public init(
        sourceId: String, url: String, content: [UInt8], indicators: [Indicator],
        fetchedAt: Date = Date(), parserVersion: String = BulletinParser.version
    ) {
        self.sourceId = sourceId
        self.url = url
        self.content = content
        self.indicators = indicators
        self.fetchedAt = fetchedAt
        self.parserVersion = parserVersion
    }

    /// True for an id of lowercase letters, digits and hyphens, starting with a letter or digit.
    public static func isValidSourceId(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first != "-", id.count <= 100 else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

/// What storing a snapshot did.
public enum RecordOutcome: Sendable {
    /// A new version, with how its indicators differ from the previous one and the events queued.
    case created(VersionRecord, changes: [IndicatorChange], events: Int)
    /// The same content as the latest version: no new version, the check time recorded.
    case unchanged(VersionRecord)

    /// The version now current.
    public var version: VersionRecord {
        switch self {
        case .created(let version, _, _), .unchanged(let version): return version
        }
    }
}
