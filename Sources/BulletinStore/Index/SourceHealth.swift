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
