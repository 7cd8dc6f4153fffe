public import BulletinStore
import Foundation
import Logging

extension Watcher {
    /// Updates a source's health and next due time after a check, raises source.failing (once per
    /// run of failures) and source.recovered, saves both in one transaction, and logs the result.
    /// Returns the documents a listing check found, now scheduled.
    func record(_ outcome: CheckOutcome, of source: SourceConfig, startedAt start: Date) -> [SourceConfig] {
        inFlight.remove(source.id)
        // A source removed by a reload while it was being checked is no longer scheduled.
        guard let current = sourcesByID[source.id], var entry = health[source.id] else {
            return []
        }
        let now = Date()
        let part = Event.Source(id: source.id, url: source.url, region: source.region)
        var events: [Event] = []
        entry.lastAttemptAt = start
        switch outcome {
        case .failed(let message, let transient, let retryAfter):
            entry.consecutiveFailures += 1
            entry.lastError = message
            entry.lastErrorAt = now
            entry.nextDueAt = policy.afterFailure(
                of: current, failures: entry.consecutiveFailures, retryAfter: retryAfter, at: now, using: &random)
            let wait = DurationText.format(.seconds(max(1, Int(entry.nextDueAt!.timeIntervalSince(now)))))
            logger.warning(
                "\(source.id): \(message)",
                metadata: [
                    "failures": "\(entry.consecutiveFailures)", "retry_in": "\(wait)",
                    "class": "\(transient ? "transient" : "permanent")",
                ])
            if entry.consecutiveFailures >= config.retry.failingAfter && !entry.failingReported {
                entry.failingReported = true
                events.append(
                    .health(
                        "source.failing", source: part, error: message, since: entry.lastSuccessAt ?? .distantPast,
                        at: now))
                logger.error("\(source.id) is failing: \(entry.consecutiveFailures) checks in a row")
            }
        case .unchanged, .stored, .discovered:
            if entry.failingReported {
                events.append(
                    .health(
                        "source.recovered", source: part, error: entry.lastError,
                        since: entry.lastSuccessAt ?? .distantPast, at: now))
                logger.notice("\(source.id) recovered after \(entry.consecutiveFailures) failed checks")
            }
            entry.consecutiveFailures = 0
            entry.failingReported = false
            entry.lastSuccessAt = now
            entry.nextDueAt = policy.afterSuccess(of: current, at: now, using: &random)
            if case .stored(let version, let changes, let queued) = outcome {
                logger.info(
                    "\(source.id): version \(version) stored",
                    metadata: ["changes": "\(changes)", "events": "\(queued)"])
            } else {
                logger.debug("\(source.id): unchanged")
            }
        }
        health[source.id] = entry
        pendingHealth[source.id] = entry
        var found: [SourceConfig] = []
        switch outcome {
        case .unchanged(_, let validators):
            pendingUnchanged.append(
                .init(sourceId: source.id, at: start, etag: validators.etag, lastModified: validators.lastModified))
            if var version = latest[source.id] {
                version.etag = validators.etag ?? version.etag
                version.lastModified = validators.lastModified ?? version.lastModified
                latest[source.id] = version
            }
        case .stored:
            latest[source.id] = (try? store.latestVersion(of: source.id)) ?? nil
        case .discovered(let count):
            if count > 0 { found = adopt(foundOn: current, at: now) }
        case .failed:
            break
        }
        // Events are never left waiting; plain schedule updates are written in batches.
        pendingEvents += events
        if !events.isEmpty || pendingHealth.count + pendingUnchanged.count >= 512 { flush() }
        return found
    }

    /// Writes the checks recorded since the last flush in one transaction. A crash before a flush
    /// loses at most those schedule updates: the sources are simply checked again. What cannot be
    /// written (a full disk) stays pending for the next flush.
    func flush() {
        lastFlush = .now
        let batch = CheckBatch(
            health: sources.compactMap { pendingHealth[$0.id] }, unchanged: pendingUnchanged,
            events: pendingEvents)
        guard !batch.isEmpty else { return }
        do {
            try store.save(batch)
            pendingHealth = [:]
            pendingUnchanged = []
            pendingEvents = []
        } catch {
            logger.error("cannot save the schedule of \(batch.health.count) sources: \(error)")
        }
    }

    /// "12 sources, 1 failing, next check in 4m", as systemd's STATUS= and `status` print it.
    func statusLine(now: Date) -> String {
        let entries = sources.compactMap { health[$0.id] }
        let failing = entries.filter { $0.consecutiveFailures > 0 }.count
        var parts = ["\(sources.count) source" + (sources.count == 1 ? "" : "s")]
        if failing > 0 { parts.append("\(failing) failing") }
        if !inFlight.isEmpty { parts.append("\(inFlight.count) checking") }
        if let next = entries.filter({ !inFlight.contains($0.sourceId) }).compactMap(\.nextDueAt).min() {
            let seconds = max(0, Int(next.timeIntervalSince(now).rounded(.up)))
            parts.append(seconds == 0 ? "next check now" : "next check in \(DurationText.format(.seconds(seconds)))")
        }
        return parts.joined(separator: ", ")
    }

    /// The schedule as it stands, for tests and `status`.
    public func schedule() -> [SourceHealth] {
        sources.compactMap { health[$0.id] }
    }
}

/// What `run --once` did.
public struct RunSummary: Sendable {
    public var stored = 0
    public var unchanged = 0
    /// Source ids and their errors.
    public var failures: [(source: String, message: String)] = []

    public var checked: Int { stored + unchanged + failures.count }

    mutating func add(_ source: String, _ outcome: CheckOutcome) {
        switch outcome {
        case .stored: stored += 1
        case .discovered: unchanged += 1
        case .unchanged: unchanged += 1
        case .failed(let message, _, _): failures.append((source, message))
        }
    }
}

extension Watcher {
    /// The STATUS= line for now.
    public func currentStatus() -> String { statusLine(now: Date()) }
}
