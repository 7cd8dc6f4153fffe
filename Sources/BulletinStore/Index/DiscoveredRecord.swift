public import Foundation
public import GRDB

/// A document found on a listing page or in a feed, tracked as a source of its own.
public struct DiscoveredRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "discovered"
    /// The child source's id: the parent's id and a hash of the URL.
    public var id: String
    public var parentId: String
    public var url: String
    /// The link text.
    public var title: String?
    public var discoveredAt: Date

    public init(parentId: String, url: String, title: String?, discoveredAt: Date) {
        let prefix = String(parentId.prefix(80))
        id = "\(prefix)-\(SHA256.hex(of: Array(url.utf8)).prefix(10))"
        self.parentId = parentId
        self.url = url
        self.title = title
        self.discoveredAt = discoveredAt
    }
}

/// What a conditional GET of a listing page needs from the last time.
public struct ListingRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "listing"
    public var sourceId: String
    public var etag: String?
    public var lastModified: String?
    public var sha256: String?
    public var checkedAt: Date

    public init(sourceId: String, etag: String?, lastModified: String?, sha256: String?, checkedAt: Date) {
        self.sourceId = sourceId
        self.etag = etag
        self.lastModified = lastModified
        self.sha256 = sha256
        self.checkedAt = checkedAt
    }
}
