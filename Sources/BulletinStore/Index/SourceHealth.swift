public import Foundation
public import GRDB

/// A watched source's schedule and health, kept so that a restart neither re-polls everything at
/// once nor forgets a source that was due.
///
/// ```swift
/// var health = try store.health(of: "tongliao-report") ?? SourceHealth(sourceId: "tongliao-report", url: url)
/// health.recordFailure("HTTP 503", at: now)
/// ```
public struct SourceHealth: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "watch"
    public var sourceId: String
    public var url: String
    /// When the next check is due; nil for a source never scheduled.
    public var nextDueAt: Date?
    public var lastAttemptAt: Date?
    public var lastSuccessAt: Date?
    /// Failed checks since the last success.
    public var consecutiveFailures: Int
    public var lastError: String?
    public var lastErrorAt: Date?
    /// True once source.failing was raised for the current run of failures.
    public var failingReported: Bool

    public init(sourceId: String, url: String) {
        self.sourceId = sourceId
        self.url = url
        consecutiveFailures = 0
        failingReported = false
    }

    /// "ok", "failing (3)" or "never checked".
    public var state: String {
        if consecutiveFailures > 0 { return "failing (\(consecutiveFailures))" }
        return lastSuccessAt == nil ? "never checked" : "ok"
    }
}

/// What the versions table says of one source.
public struct VersionSummary: Sendable, Equatable {
    public var count: Int
    /// When the latest version was first fetched: the last change.
    public var lastChangeAt: Date
}

/// Checks to save together: schedules and health, documents found unchanged, and health events.
///
/// ```swift
/// var batch = CheckBatch()
/// batch.unchanged.append(.init(sourceId: "hexi-report", at: Date(), etag: "\"v2\"", lastModified: nil))
/// try store.save(batch)
/// ```
public struct CheckBatch: Sendable {
    public var health: [SourceHealth]
    public var unchanged: [Unchanged]
    public var events: [Event]

    /// A check that found the stored document current, with the validators the server sent.
    public struct Unchanged: Sendable, Equatable {
        public var sourceId: String
        public var at: Date
        public var etag: String?
        public var lastModified: String?

        public init(sourceId: String, at: Date, etag: String?, lastModified: String?) {
            self.sourceId = sourceId
            self.at = at
            self.etag = etag
            self.lastModified = lastModified
        }
    }

    public init(health: [SourceHealth] = [], unchanged: [Unchanged] = [], events: [Event] = []) {
        self.health = health
        self.unchanged = unchanged
        self.events = events
    }

    public var isEmpty: Bool { health.isEmpty && unchanged.isEmpty && events.isEmpty }
    public var count: Int { health.count + unchanged.count + events.count }
}
