public import Foundation
import GRDB

extension SnapshotStore {
    /// Registers sinks by name. A sink seen for the first time starts after the newest event in the
    /// outbox: it is told what happens from now on, not the whole history.
    public func registerSinks(_ names: [String], at date: Date = Date()) throws(StoreError) {
        try lock.exclusively { () throws(StoreError) in
            try write { db in
                let newest = try Int64.fetchOne(db, sql: "SELECT coalesce(MAX(id), 0) FROM outbox") ?? 0
                for name in names {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO sink (name, startAfter, createdAt) VALUES (?, ?, ?)",
                        arguments: [name, newest, date])
                }
            }
        }
    }

    /// Events a sink has not finished with, oldest first: never attempted, or pending a retry
    /// (whatever its time; the caller keeps each source's order by waiting on the first).
    public func pendingDeliveries(for sink: String, limit: Int = 200) throws(StoreError) -> [PendingDelivery] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT outbox.*, delivery.outboxId AS d_outboxId FROM outbox
                    JOIN sink ON sink.name = ?
                    LEFT JOIN delivery ON delivery.outboxId = outbox.id AND delivery.sink = sink.name
                    WHERE outbox.id > sink.startAfter AND (delivery.state IS NULL OR delivery.state = 'pending')
                    ORDER BY outbox.id LIMIT ?
                    """, arguments: [sink, limit])
            let attempted = rows.compactMap { $0["d_outboxId"] as Int64? }
            let deliveries = try DeliveryRecord.filter(Column("sink") == sink && attempted.contains(Column("outboxId")))
                .fetchAll(db)
            let byOutbox = Dictionary(deliveries.map { ($0.outboxId, $0) }) { first, _ in first }
            return try rows.map { row in
                let event = try OutboxRecord(row: row)
                return PendingDelivery(event: event, delivery: byOutbox[event.id!])
            }
        }
    }

    /// Records the outcome of attempts, and the values a sink was told (for minimum-change
    /// rules), in one transaction.
    public func recordDeliveries(
        _ deliveries: [DeliveryRecord], notified: [(sink: String, sourceId: String, key: String, value: String)] = []
    ) throws(StoreError) {
        guard !deliveries.isEmpty || !notified.isEmpty else { return }
        try lock.exclusively { () throws(StoreError) in
            try write { db in
                for delivery in deliveries { try delivery.save(db) }
                for entry in notified {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO notified (sink, sourceId, key, value) VALUES (?, ?, ?, ?)",
                        arguments: [entry.sink, entry.sourceId, entry.key, entry.value])
                }
            }
        }
    }

    /// The value a sink was last told of an indicator, if any.
    public func lastNotified(sink: String, sourceId: String, key: String) throws(StoreError) -> String? {
        try read { db in
            try String.fetchOne(
                db, sql: "SELECT value FROM notified WHERE sink = ? AND sourceId = ? AND key = ?",
                arguments: [sink, sourceId, key])
        }
    }

    /// Every sink's state for these events, by outbox id.
    public func deliveries(of outboxIds: [Int64]) throws(StoreError) -> [Int64: [DeliveryRecord]] {
        try read { db in
            let records = try DeliveryRecord.filter(outboxIds.contains(Column("outboxId"))).order(Column("sink"))
                .fetchAll(db)
            return Dictionary(grouping: records, by: \.outboxId)
        }
    }

    /// How many events each sink has pending, dead and delivered.
    public func deliveryCounts() throws(StoreError) -> [String: [DeliveryRecord.State: Int]] {
        try read { db in
            var result: [String: [DeliveryRecord.State: Int]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT sink, state, COUNT(*) FROM delivery GROUP BY sink, state") {
                if let state = DeliveryRecord.State(rawValue: row[1]) { result[row[0], default: [:]][state] = row[2] }
            }
            return result
        }
    }
}

extension SnapshotStore {
    /// Moves a sink's starting point past every event it has finished with, so that finding its
    /// pending events stays quick however long the outbox grows.
    public func advanceWatermark(of sink: String) throws(StoreError) {
        try lock.exclusively { () throws(StoreError) in
            try write { db in
                try db.execute(
                    sql: """
                        UPDATE sink SET startAfter = coalesce(
                          (SELECT MIN(outbox.id) - 1 FROM outbox
                           LEFT JOIN delivery ON delivery.outboxId = outbox.id AND delivery.sink = sink.name
                           WHERE outbox.id > sink.startAfter AND (delivery.state IS NULL OR delivery.state = 'pending')),
                          (SELECT MAX(id) FROM outbox), startAfter)
                        WHERE name = ?
                        """, arguments: [sink])
            }
        }
    }
}

extension SnapshotStore {
    /// Removes events created before `cutoff` that every one of `sinks` has finished with (below its
    /// watermark: delivered, filtered or dead), with their delivery rows. Target events stay: they
    /// record that a target was judged, so that it is judged once. Returns how many were removed.
    ///
    /// ```swift
    /// let removed = try store.removeSettledEvents(olderThan: Date() - 180 * 86_400, sinks: ["ops-webhook"])
    /// ```
    @discardableResult
    public func removeSettledEvents(olderThan cutoff: Date, sinks: [String]) throws(StoreError) -> Int {
        try lock.exclusively { () throws(StoreError) in
            try write { db in
                // A sink never registered has seen nothing yet: it starts after the newest event, so
                // it holds nothing back. A registered one holds back all past its watermark.
                let names = sinks.isEmpty ? "" : Array(repeating: "?", count: sinks.count).joined(separator: ",")
                let settledBelow =
                    sinks.isEmpty
                    ? Int64.max
                    : try Int64.fetchOne(
                        db, sql: "SELECT MIN(startAfter) FROM sink WHERE name IN (\(names))",
                        arguments: StatementArguments(sinks)) ?? Int64.max
                try db.execute(
                    sql: """
                        DELETE FROM outbox WHERE createdAt < ? AND id <= ? AND type NOT LIKE 'target.%'
                        """, arguments: [cutoff, settledBelow])
                return db.changesCount
            }
        }
    }
}
