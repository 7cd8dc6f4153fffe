public import Foundation
public import GRDB

/// Where one event stands with one sink.
public struct DeliveryRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "delivery"

    /// pending (to retry), delivered, filtered (a rule left it out) or dead (given up).
    public enum State: String, Codable, Sendable {
        case pending, delivered, filtered, dead
    }

    public var outboxId: Int64
    public var sink: String
    public var state: State
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?
    public var updatedAt: Date

    public init(
        outboxId: Int64, sink: String, state: State, attempts: Int = 0, nextAttemptAt: Date? = nil,
        lastError: String? = nil, updatedAt: Date = Date()
    ) {
        self.outboxId = outboxId
        self.sink = sink
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.updatedAt = updatedAt
    }
}

/// An event waiting for a sink, with what happened on earlier attempts.
public struct PendingDelivery: Sendable {
    public var event: OutboxRecord
    /// Nil before the first attempt.
    public var delivery: DeliveryRecord?
}
