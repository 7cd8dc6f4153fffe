public import BulletinFetch
public import BulletinStore
public import Foundation
public import Logging

/// Delivers the outbox to every sink: at least once, across crashes and restarts (a delivery is
/// recorded only after the receiver accepted it), in order per source (a source's later events
/// wait while an earlier one is being retried), with exponential backoff and jitter, Retry-After
/// obeyed, and a dead state once an event is older than the sink's `dead_after`. Sinks are
/// independent: a failing one never holds up another.
///
/// ```swift
/// let notifier = try Notifier(sinks: config.notify, store: store, fetcher: fetcher, logger: logger)
/// let report = await notifier.deliverPending()
/// ```
public actor Notifier {
    let store: SnapshotStore
    var setups: [SinkSetup]
    let logger: Logger
    /// Sinks whose delivery loop is running.
    var loops: Set<String> = []

    public init(
        sinks: [SinkConfig], store: SnapshotStore, fetcher: Fetcher, userAgent: String = FetchRequest.defaultUserAgent,
        logger: Logger
    ) throws {
        self.store = store
        self.logger = logger
        setups = try sinks.map { config throws(ConfigError) in
            try SinkSetup(config, fetcher: fetcher, userAgent: userAgent)
        }
        try store.registerSinks(setups.map(\.name))
    }

    /// Makes the sinks of a new configuration (reading their secrets) without using them yet.
    public nonisolated func prepare(sinks: [SinkConfig], fetcher: Fetcher, userAgent: String) throws -> [SinkSetup] {
        try sinks.map { config throws(ConfigError) in try SinkSetup(config, fetcher: fetcher, userAgent: userAgent) }
    }

    /// Replaces the sinks (a reload). New sinks start with the events queued from now on.
    public func apply(_ made: [SinkSetup]) throws {
        try store.registerSinks(made.map(\.name))
        setups = made
    }

    /// One pass: every sink, at once, sends what is due. Returns what happened per sink.
    @discardableResult
    public func deliverPending(now: Date = Date()) async -> [String: DeliveryReport] {
        let (store, logger) = (self.store, self.logger)
        return await withTaskGroup(of: (String, DeliveryReport).self) { group in
            for setup in setups {
                group.addTask { (setup.name, await Self.pass(setup, store: store, logger: logger, now: now)) }
            }
            var reports: [String: DeliveryReport] = [:]
            for await (name, report) in group { reports[name] = report }
            return reports
        }
    }

    /// Runs until `stopping` says so: each sink in a loop of its own, a pass a second, so that a
    /// slow or failing sink never delays another. Sinks added by a reload get a loop; removed
    /// ones end theirs.
    public func run(stopping: @escaping @Sendable () -> Bool) async {
        await withTaskGroup(of: Void.self) { group in
            while !stopping() && !Task.isCancelled {
                for setup in setups where !loops.contains(setup.name) {
                    loops.insert(setup.name)
                    let name = setup.name
                    group.addTask { [store, logger] in
                        while !stopping() && !Task.isCancelled {
                            guard let current = await self.setup(named: name) else { break }
                            _ = await Self.pass(current, store: store, logger: logger, now: Date())
                            try? await Task.sleep(for: .seconds(1))
                        }
                        await self.loopEnded(name)
                    }
                }
                // Look again for sinks a reload added.
                try? await Task.sleep(for: .seconds(1))
            }
            group.cancelAll()
        }
    }

    private func loopEnded(_ name: String) { loops.remove(name) }

    /// The current setup of a sink, or nil once a reload removed it.
    func setup(named name: String) -> SinkSetup? { setups.first { $0.name == name } }

    /// The wait before attempt `attempts + 1`: doubling from the sink's initial wait up to its
    /// maximum, ±20 %, never below Retry-After.
    static func backoff(_ setup: SinkSetup, attempts: Int, retryAfter: Duration?) -> TimeInterval {
        let grown = setup.retryInitial.seconds * pow(2, Double(min(max(attempts - 1, 0), 30)))
        let wait = min(grown, setup.retryMax.seconds) * Double.random(in: 0.8...1.2)
        return max(wait, retryAfter?.seconds ?? 0)
    }
}

/// What one pass did for one sink.
public struct DeliveryReport: Sendable, Equatable {
    public var delivered = 0
    public var failed = 0
    public var filtered = 0
    public var dead = 0
    /// Events that wait for a retry (their own, or an earlier one of the same source).
    public var waiting = 0
    public var lastError: String?

    public init() {}
}
