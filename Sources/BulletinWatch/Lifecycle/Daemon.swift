import BulletinFetch
import BulletinStore
import Foundation
public import Logging
import ServiceLifecycle
import UnixSignals

/// `bulletind run`: the watcher inside a service group. SIGTERM and SIGINT stop it gracefully (no
/// new checks; running ones get `drainTime`, then are cancelled), SIGHUP reloads the config file,
/// and systemd hears READY, RELOADING, STOPPING, STATUS and WATCHDOG.
///
/// ```swift
/// try await Daemon(configPath: "/etc/bulletind/bulletind.yaml", config: config, logger: logger).run()
/// ```
public struct Daemon: Sendable {
    public var configPath: String
    public var config: WatchConfig
    public var logger: Logger
    /// How long running checks may finish after SIGTERM before they are abandoned.
    public var drainTime: Duration = .seconds(7)
    /// Overrides the config's log level (`--log-level`), on start and on every reload.
    public var logLevel: Logger.Level?

    public init(configPath: String, config: WatchConfig, logger: Logger) {
        self.configPath = configPath
        self.config = config
        self.logger = logger
    }

    /// Runs until SIGTERM or SIGINT.
    public func run() async throws {
        let systemd = SystemdNotifier()
        let store = try SnapshotStore(directory: config.stateDirectory)
        let watcher = try Watcher(config: config, store: store, logger: logger, systemd: systemd)
        // Deliveries have a fetcher of their own: a slow receiver never takes a document's turn.
        let postman = try Fetcher(maxConcurrent: 8, maxPerHost: 2)
        let notifier = try Notifier(
            sinks: config.notify, store: store, fetcher: postman, userAgent: config.fetch.userAgent, logger: logger)
        // Trap SIGHUP before READY=1: its default action would kill us.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let reloader = ReloadService(
            configPath: configPath, watcher: watcher, notifier: notifier, postman: postman, signals: hangups,
            systemd: systemd, logger: logger, logLevel: logLevel)
        var configuration = ServiceGroupConfiguration(
            services: [
                .init(service: LoopService { await watcher.run(stopping: $0) }, serviceName: "watcher"),
                .init(service: LoopService { await notifier.run(stopping: $0) }, serviceName: "notifier"),
                .init(service: reloader, successTerminationBehavior: .ignore, serviceName: "reload"),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        configuration.maximumGracefulShutdownDuration = drainTime
        try await ServiceGroup(configuration: configuration).run()
        logger.info("stopped")
    }
}

/// A loop that runs until graceful shutdown asks it to stop taking work (the watcher: no new
/// checks; the notifier: no new deliveries); what it is doing then may finish.
struct LoopService: Service {
    let loop: @Sendable (_ stopping: @escaping @Sendable () -> Bool) async -> Void

    func run() async throws {
        let stopping = StopFlag()
        await withGracefulShutdownHandler {
            await loop { stopping.isSet }
        } onGracefulShutdown: {
            stopping.set()
        }
    }
}

/// Reloads the config on SIGHUP. An invalid file is refused with a log line; the old one keeps running.
struct ReloadService: Service {
    let configPath: String
    let watcher: Watcher
    let notifier: Notifier
    let postman: Fetcher
    let signals: UnixSignalsSequence
    let systemd: SystemdNotifier
    let logger: Logger
    let logLevel: Logger.Level?

    func run() async throws {
        for await _ in signals.cancelOnGracefulShutdown() {
            systemd.reloading()
            do {
                var config = try WatchConfig.load(path: configPath)
                if let logLevel { config.logLevel = logLevel.rawValue }
                let sinks = try notifier.prepare(
                    sinks: config.notify, fetcher: postman, userAgent: config.fetch.userAgent)
                let summary = try await watcher.reload(config)
                try await notifier.apply(sinks)
                logger.notice("reloaded \(configPath): \(summary)")
            } catch {
                logger.error("reload refused, the running config stays: \(error)")
            }
            systemd.send("READY=1", "STATUS=\(await watcher.currentStatus())")
        }
    }
}

/// A flag set once from any thread.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
