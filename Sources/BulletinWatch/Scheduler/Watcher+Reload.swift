import BulletinFetch
import BulletinStore
import Foundation
import Logging

extension Watcher {
    /// Applies a new configuration without dropping work: added sources are scheduled, removed ones
    /// dropped (a check already running finishes), changed ones rescheduled when their URL or
    /// interval changed. Returns what changed, or throws when the new config cannot be applied
    /// (the old one keeps running).
    @discardableResult
    public func reload(_ new: WatchConfig) throws -> String {
        guard new.stateDirectory == config.stateDirectory else {
            throw ReloadRefused(reason: "state_directory cannot change while running (restart to move the store)")
        }
        if new.fetch.concurrency != config.fetch.concurrency || new.fetch.perHost != config.fetch.perHost {
            // Checks running on the old fetcher keep it alive until they finish.
            checker.fetcher = try Fetcher(maxConcurrent: new.fetch.concurrency, maxPerHost: new.fetch.perHost)
        }
        checker.settings = new.fetch
        policy = SchedulePolicy(retry: new.retry, timeZone: new.timeZone)
        if let level = Logger.Level(rawValue: new.logLevel) { logger.logLevel = level }

        let old = Dictionary(config.sources.map { ($0.id, $0) }) { first, _ in first }
        let now = Date()
        var added = 0
        var changed = 0
        for source in new.sources {
            if let before = old[source.id] {
                guard before != source else { continue }
                changed += 1
                if before.url != source.url || before.every != source.every || before.activeHours != source.activeHours
                {
                    var entry = health[source.id] ?? SourceHealth(sourceId: source.id, url: source.url)
                    let remembered = before.url == source.url ? entry : nil
                    entry.nextDueAt = policy.atStart(of: source, remembered: remembered, now: now, using: &random)
                    entry.url = source.url
                    health[source.id] = entry
                }
            } else {
                added += 1
                var entry =
                    (try? store.health(of: source.id)) ?? nil ?? SourceHealth(sourceId: source.id, url: source.url)
                entry.nextDueAt = policy.atStart(of: source, remembered: entry, now: now, using: &random)
                entry.url = source.url
                health[source.id] = entry
            }
        }
        let kept = Set(new.sources.map(\.id))
        let removed = config.sources.filter { !kept.contains($0.id) }.count
        let expanded = try Self.expand(new.sources, store: store)
        let scheduled = Set(expanded.map(\.id))
        for id in health.keys where !scheduled.contains(id) { health[id] = nil }
        config = new
        sources = expanded
        sourcesByID = Dictionary(sources.map { ($0.id, $0) }) { first, _ in first }
        for child in sources where health[child.id] == nil {
            var entry = (try? store.health(of: child.id)) ?? nil ?? SourceHealth(sourceId: child.id, url: child.url)
            entry.nextDueAt = policy.atStart(of: child, remembered: entry, now: now, using: &random)
            health[child.id] = entry
        }
        for source in sources { pendingHealth[source.id] = health[source.id] }
        latest = try store.latestVersions()
        flush()
        return "\(new.sources.count) sources: \(added) added, \(removed) removed, \(changed) changed"
    }
}

/// A reload that cannot be applied; the running configuration stays.
public struct ReloadRefused: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
