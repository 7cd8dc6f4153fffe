import BulletinStore
import Foundation
import Logging

extension Notifier {
    /// One sink's pass over its pending events.
    static func pass(_ setup: SinkSetup, store: SnapshotStore, logger: Logger, now: Date) async -> DeliveryReport {
        var report = DeliveryReport()
        let pending: [PendingDelivery]
        do {
            pending = try store.pendingDeliveries(for: setup.name, limit: 500)
        } catch {
            report.lastError = "\(error)"
            logger.error("notify \(setup.name): cannot read the outbox: \(error)")
            return report
        }
        var blocked: Set<String> = []
        var settled: [DeliveryRecord] = []
        var ready: [(record: OutboxRecord, event: Event, attempts: Int)] = []
        for item in pending {
            let record = item.event
            let attempts = item.delivery?.attempts ?? 0
            if blocked.contains(record.sourceId) {
                report.waiting += 1
                continue
            }
            guard let event = try? Event.decode(record.payload) else {
                settled.append(
                    .init(outboxId: record.id!, sink: setup.name, state: .dead, lastError: "unreadable event"))
                continue
            }
            if let next = item.delivery?.nextAttemptAt, next > now {
                if now.timeIntervalSince(record.createdAt) > setup.deadAfter.seconds {
                    settled.append(
                        .init(
                            outboxId: record.id!, sink: setup.name, state: .dead, attempts: attempts,
                            lastError: item.delivery?.lastError))
                    report.dead += 1
                    continue
                }
                blocked.insert(record.sourceId)
                report.waiting += 1
                continue
            }
            let last = lastNotified(event, sink: setup.name, store: store)
            guard setup.rules.admits(event, lastNotified: last) else {
                settled.append(.init(outboxId: record.id!, sink: setup.name, state: .filtered))
                report.filtered += 1
                continue
            }
            ready.append((record, event, attempts))
        }
        save(settled, [], store: store, logger: logger, sink: setup.name)

        let batches: [[(record: OutboxRecord, event: Event, attempts: Int)]] =
            setup.digest ? (ready.isEmpty ? [] : [ready]) : ready.map { [$0] }
        for batch in batches {
            if Task.isCancelled { break }
            guard let first = batch.first, !blocked.contains(first.record.sourceId) || setup.digest else {
                report.waiting += 1
                continue
            }
            do {
                try await setup.sink.deliver(batch.map(\.event), payloads: batch.map(\.record.payload))
                let done = batch.map {
                    DeliveryRecord(
                        outboxId: $0.record.id!, sink: setup.name, state: .delivered, attempts: $0.attempts + 1)
                }
                save(
                    done, notifiedValues(batch.map(\.event), sink: setup.name), store: store, logger: logger,
                    sink: setup.name)
                report.delivered += batch.count
            } catch {
                if Task.isCancelled { break }
                report.failed += batch.count
                report.lastError = error.message
                var failures: [DeliveryRecord] = []
                for item in batch {
                    let attempts = item.attempts + 1
                    let tooOld = now.timeIntervalSince(item.record.createdAt) > setup.deadAfter.seconds
                    if tooOld { report.dead += 1 }
                    let wait = backoff(setup, attempts: attempts, retryAfter: error.retryAfter)
                    failures.append(
                        .init(
                            outboxId: item.record.id!, sink: setup.name, state: tooOld ? .dead : .pending,
                            attempts: attempts, nextAttemptAt: tooOld ? nil : now.addingTimeInterval(wait),
                            lastError: error.message))
                    blocked.insert(item.record.sourceId)
                }
                save(failures, [], store: store, logger: logger, sink: setup.name)
                logger.warning(
                    "notify \(setup.name): \(error.message)",
                    metadata: ["events": "\(batch.count)", "attempt": "\(batch[0].attempts + 1)"])
            }
        }
        try? store.advanceWatermark(of: setup.name)
        return report
    }

    private static func lastNotified(_ event: Event, sink: String, store: SnapshotStore) -> String? {
        guard event.type == "indicator.changed", let key = event.indicator?.key else { return nil }
        return (try? store.lastNotified(sink: sink, sourceId: event.source.id, key: key)) ?? nil
    }

    private static func notifiedValues(_ events: [Event], sink: String)
        -> [(sink: String, sourceId: String, key: String, value: String)]
    {
        events.compactMap { event in
            guard let key = event.indicator?.key, let value = event.indicator?.new else { return nil }
            return (sink, event.source.id, key, value)
        }
    }

    private static func save(
        _ records: [DeliveryRecord], _ notified: [(sink: String, sourceId: String, key: String, value: String)],
        store: SnapshotStore, logger: Logger, sink: String
    ) {
        do {
            try store.recordDeliveries(records, notified: notified)
        } catch {
            // Not recorded means sent again later: at least once, never lost.
            logger.error("notify \(sink): cannot record deliveries: \(error)")
        }
    }
}
