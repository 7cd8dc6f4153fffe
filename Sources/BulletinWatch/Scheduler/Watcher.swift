import BulletinFetch
public import BulletinStore
import Foundation
public import Logging

/// The daemon's heart: keeps every configured source on its schedule, checks the due ones through
/// the pipeline (``SourceChecker``), records each source's health and next due time in the store,
/// and reports to systemd.
///
/// ```swift
/// let watcher = try Watcher(config: config, store: store, logger: logger)
/// let summary = await watcher.runOnce()          // every source once
/// await watcher.run(stopping: { shutdown.isSet })  // until told to stop
/// ```
public actor Watcher {
    var config: WatchConfig
    var checker: SourceChecker
    var policy: SchedulePolicy
    let store: SnapshotStore
    var logger: Logger
    let systemd: SystemdNotifier
    /// Each configured source's schedule and health, by id.
    var health: [String: SourceHealth] = [:]
    var inFlight: Set<String> = []
    var random = SystemRandomNumberGenerator()
    var lastWatchdog = ContinuousClock.now
    var lastStatus = ""
    /// Checks recorded and not yet written (see ``flush()``).
    var pendingHealth: [String: SourceHealth] = [:]
    var pendingUnchanged: [CheckBatch.Unchanged] = []
    var pendingEvents: [Event] = []
    /// Each source's latest stored version, so that a check needs no read before its fetch.
    var latest: [String: VersionRecord] = [:]
    /// Every source scheduled: the configured ones, then the documents found by discovery.
    var sources: [SourceConfig] = []
    /// The same by id.
    var sourcesByID: [String: SourceConfig] = [:]
    var lastFlush = ContinuousClock.now
    /// When retention runs next: a minute after start, then once a day.
    var nextRetention = ContinuousClock.now + .seconds(60)

    /// Prepares the schedule: sources the store remembers keep their due times; new and overdue
    /// ones are spread over the first minute.
    public init(
        config: WatchConfig, store: SnapshotStore, logger: Logger, systemd: SystemdNotifier = SystemdNotifier()
    ) throws {
        self.config = config
        self.store = store
        self.logger = logger
        self.systemd = systemd
        let fetcher = try Fetcher(maxConcurrent: config.fetch.concurrency, maxPerHost: config.fetch.perHost)
        checker = SourceChecker(fetcher: fetcher, store: store, settings: config.fetch)
        policy = SchedulePolicy(retry: config.retry, timeZone: config.timeZone)
        let remembered = Dictionary(try store.health().map { ($0.sourceId, $0) }) { first, _ in first }
        latest = try store.latestVersions()
        sources = try Self.expand(config.sources, store: store)
        sourcesByID = Dictionary(sources.map { ($0.id, $0) }) { first, _ in first }
        let now = Date()
        for source in sources {
            var entry = remembered[source.id] ?? SourceHealth(sourceId: source.id, url: source.url)
            entry.nextDueAt = policy.atStart(of: source, remembered: remembered[source.id], now: now, using: &random)
            entry.url = source.url
            health[source.id] = entry
            pendingHealth[source.id] = entry
        }
    }

    /// The most checks started and not yet finished (they wait on the fetcher's own limits).
    var maxInFlight: Int { max(config.fetch.concurrency * 4, 16) }

    /// Checks every configured source once, `concurrency` at a time per the fetcher's limits, and
    /// returns what happened.
    public func runOnce() async -> RunSummary {
        var pending = sources[...]
        var summary = RunSummary()
        await withTaskGroup(of: Finished.self) { group in
            while true {
                while inFlight.count < maxInFlight, let source = pending.popFirst() {
                    launch(source, in: &group)
                }
                guard let finished = await group.next() else { break }
                if case .checked(let source, let outcome, let start) = finished {
                    summary.add(source.id, outcome)
                    // Documents found on a listing are checked in the same run.
                    pending.append(contentsOf: record(outcome, of: source, startedAt: start))
                }
            }
        }
        flush()
        return summary
    }

    /// Runs until `stopping` returns true (graceful shutdown: no new checks, running ones finish)
    /// or the task is cancelled (running fetches are abandoned; nothing half-written is kept).
    public func run(stopping: @escaping @Sendable () -> Bool) async {
        flush()
        systemd.send("READY=1", "STATUS=\(statusLine(now: Date()))")
        logger.info("watching \(sources.count) sources", metadata: ["state": "\(store.directory)"])
        await withTaskGroup(of: Finished.self) { group in
            var ticking = false
            while !stopping() && !Task.isCancelled {
                let now = Date()
                for source in due(at: now) where inFlight.count < maxInFlight {
                    launch(source, in: &group)
                }
                reportAlive(now: now)
                if ContinuousClock.now - lastFlush >= .seconds(1) { flush() }
                if ContinuousClock.now >= nextRetention {
                    nextRetention = ContinuousClock.now + .seconds(86_400)
                    applyRetention()
                }
                if !ticking {
                    ticking = true
                    let wait = tickInterval(now: now)
                    group.addTask {
                        try? await Task.sleep(for: wait)
                        return .tick
                    }
                }
                guard let finished = await group.next() else { break }
                switch finished {
                case .tick: ticking = false
                case .checked(let source, let outcome, let start):
                    if !Task.isCancelled { _ = record(outcome, of: source, startedAt: start) }
                }
            }
            systemd.send("STOPPING=1", "STATUS=stopping: \(inFlight.count) checks to finish")
            logger.info("stopping", metadata: ["running": "\(inFlight.count)"])
            while let finished = await group.next() {
                if case .checked(let source, let outcome, let start) = finished, !Task.isCancelled {
                    _ = record(outcome, of: source, startedAt: start)
                }
            }
        }
        flush()
        checker.fetcher.shutdown()
    }

    /// The configured sources followed by the documents their listings found.
    public static func expand(_ configured: [SourceConfig], store: SnapshotStore) throws -> [SourceConfig] {
        var all = configured
        for parent in configured where parent.discover != nil {
            all += try store.discovered(parent: parent.id).map { SourceConfig(child: $0, of: parent) }
        }
        return all
    }

    /// Schedules documents a listing just found: due at once, spread over a few seconds.
    func adopt(foundOn parent: SourceConfig, at now: Date) -> [SourceConfig] {
        guard let found = try? store.discovered(parent: parent.id) else { return [] }
        let fresh = found.filter { sourcesByID[$0.id] == nil }.map { SourceConfig(child: $0, of: parent) }
        for child in fresh {
            sources.append(child)
            sourcesByID[child.id] = child
            var entry = SourceHealth(sourceId: child.id, url: child.url)
            entry.nextDueAt = now.addingTimeInterval(Double.random(in: 0...min(5, child.every.seconds), using: &random))
            health[child.id] = entry
            pendingHealth[child.id] = entry
            logger.notice("\(parent.id): found \(child.url) (\(found.first { $0.id == child.id }?.title ?? ""))")
        }
        return fresh
    }

    enum Finished: Sendable {
        case checked(SourceConfig, CheckOutcome, Date)
        case tick
    }

    private func launch(_ source: SourceConfig, in group: inout TaskGroup<Finished>) {
        inFlight.insert(source.id)
        let checker = self.checker
        let latest = self.latest[source.id]
        group.addTask {
            let start = Date()
            return .checked(source, await checker.check(source, latest: latest, at: start), start)
        }
    }

    /// Sources whose time has come and that are not being checked already, earliest first.
    func due(at now: Date) -> [SourceConfig] {
        sources.filter { source in
            guard !inFlight.contains(source.id), let next = health[source.id]?.nextDueAt else { return false }
            return next <= now
        }.sorted { (health[$0.id]?.nextDueAt ?? now) < (health[$1.id]?.nextDueAt ?? now) }
    }

    /// Until the next due time, but at least every second (to notice a reload or a stop) and
    /// within the watchdog interval.
    private func tickInterval(now: Date) -> Duration {
        let next = health.values.compactMap { inFlight.contains($0.sourceId) ? nil : $0.nextDueAt }.min()
        var wait = min(max(next.map { $0.timeIntervalSince(now) } ?? 1, 0.005), 1)
        if let watchdog = systemd.watchdogInterval { wait = min(wait, watchdog.seconds) }
        return .milliseconds(Int64(wait * 1000))
    }

    /// WATCHDOG=1 from the scheduling loop itself (so a stuck loop is caught), and STATUS= when it changes.
    private func reportAlive(now: Date) {
        if let interval = systemd.watchdogInterval, ContinuousClock.now - lastWatchdog >= interval / 2 {
            systemd.send("WATCHDOG=1")
            lastWatchdog = .now
        }
        let status = statusLine(now: now)
        if status != lastStatus {
            systemd.send("STATUS=\(status)")
            lastStatus = status
        }
    }
}
