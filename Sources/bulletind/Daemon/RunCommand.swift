import ArgumentParser
import BulletinFetch
import BulletinStore
import BulletinWatch
import Logging

/// `bulletind run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch the configured sources until stopped (or check each once with --once).",
        discussion: """
            Logs go to stderr, with syslog priorities under systemd. SIGTERM or SIGINT stops \
            gracefully (running checks get 7 s); SIGHUP reloads the configuration, keeping the old \
            one if the new one has problems. With --once every source is checked once and the \
            command exits: 0 when all succeeded, 1 when any failed.

            Examples:
              bulletind run --config /etc/bulletind/bulletind.yaml
              bulletind run --config ./bulletind.yaml --once --log-level warning
            """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "Check every source once, then exit.")
    var once = false

    @Option(help: "trace, debug, info, notice, warning, error or critical (default: the config's log_level).")
    var logLevel: String?

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level: expected one of \(WatchConfig.logLevels.joined(separator: ", "))")
        }
    }

    func run() async throws {
        let config = try options.load()
        let level = Logger.Level(rawValue: logLevel ?? config.logLevel) ?? .info
        LoggingSystem.bootstrap { label in JournalLogHandler(label: label, level: level) }
        let logger = Logger(label: "bulletind")
        MemoryTuning.retainFreedMemory()
        if once {
            try await runOnce(config, logger: logger)
            return
        }
        var daemon = Daemon(configPath: options.config, config: config, logger: logger)
        daemon.logLevel = logLevel.flatMap { Logger.Level(rawValue: $0) }
        do {
            try await daemon.run()
        } catch let error as StoreError {
            throw CommandFailure("\(error)")
        }
    }

    private func runOnce(_ config: WatchConfig, logger: Logger) async throws {
        let summary: RunSummary
        var reports: [String: DeliveryReport] = [:]
        do {
            let store = try SnapshotStore(directory: config.stateDirectory)
            let postman = try Fetcher(maxConcurrent: 8, maxPerHost: 2)
            let notifier = try Notifier(
                sinks: config.notify, store: store, fetcher: postman, userAgent: config.fetch.userAgent, logger: logger)
            summary = try await Watcher(config: config, store: store, logger: logger).runOnce()
            reports = await notifier.deliverPending()
        } catch let error as StoreError {
            throw CommandFailure("\(error)")
        } catch let error as ConfigError {
            throw CommandFailure("\(error)")
        }
        StandardOutput.write(
            "checked \(summary.checked) sources: \(summary.stored) new versions, \(summary.unchanged) unchanged, "
                + "\(summary.failures.count) failed\n")
        for (name, report) in reports.sorted(by: { $0.key < $1.key })
        where report.delivered + report.failed + report.waiting > 0 {
            StandardOutput.write(
                "notified \(name): \(report.delivered) delivered, \(report.failed) failed, \(report.waiting) waiting"
                    + (report.lastError.map { " (\($0))" } ?? "") + "\n")
        }
        if !summary.failures.isEmpty {
            throw CommandFailure("\(summary.failures.count) of \(summary.checked) sources failed (see the log)")
        }
    }
}
