import ArgumentParser
import BulletinStore
import BulletinWatch
import Foundation

/// `bulletind prune`: retention by hand, for one source, or for everything as the config's
/// `retention` says (what the daemon does once a day).
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove old stored documents (their versions and indicators stay) and settled events.",
        discussion: """
            With a source: its documents go when they are beyond the newest --keep-versions and (if \
            given) were last seen more than --keep-days ago. History, diff and export keep working \
            on their indicators; reparse skips them.

            Without a source: the config's retention (keep_versions, keep_for, events_for) is applied \
            to every source and to the events every sink has finished with, as the daemon does once \
            a day.

            Examples:
              bulletind prune --state ./state hexi-report --keep-versions 20 --keep-days 365
              bulletind prune --config /etc/bulletind/bulletind.yaml
            """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The source id; without it, the config's retention for everything.")
    var source: String?

    @Option(help: "Keep the documents of the newest N versions.")
    var keepVersions: Int?

    @Option(help: "Keep the documents seen in the last N days.")
    var keepDays: Int?

    func validate() throws {
        if source != nil {
            guard keepVersions != nil || keepDays != nil else {
                throw ValidationError("give --keep-versions and/or --keep-days")
            }
        } else {
            guard keepVersions == nil && keepDays == nil else {
                throw ValidationError("--keep-versions and --keep-days go with a source")
            }
            guard store.config != nil else {
                throw ValidationError("give a source, or --config FILE to apply its retention")
            }
        }
        if let keepVersions, keepVersions < 1 { throw ValidationError("--keep-versions must be at least 1") }
        if let keepDays, keepDays < 0 { throw ValidationError("--keep-days cannot be negative") }
    }

    func run() throws {
        guard let source else { return try applyConfig() }
        let store = try store.open()
        _ = try storeCall { try store.versions(of: source) }
        let removed = try storeCall {
            try store.applyRetention(source: source, keepVersions: keepVersions, keepDays: keepDays)
        }
        StandardOutput.write("\(source): \(removed) stored document\(removed == 1 ? "" : "s") removed\n")
    }

    /// The config's retention over every source, discovered ones included, and the outbox.
    private func applyConfig() throws {
        let path = store.config ?? WatchConfig.defaultPath
        let config: WatchConfig
        do { config = try WatchConfig.load(path: path) } catch { throw CommandFailure("\(error)") }
        guard !config.retention.isEmpty else {
            throw CommandFailure("\(path): no retention is set (keep_versions, keep_for, events_for); nothing to do")
        }
        let store = try store.open()
        let sources = try storeCall { try Watcher.expand(config.sources, store: store) }.map(\.id)
        let pass = RetentionPass.run(
            config.retention, sources: sources, sinks: config.notify.map(\.name), store: store)
        StandardOutput.write("\(pass.documents) stored documents and \(pass.events) events removed\n")
        if !pass.problems.isEmpty {
            throw CommandFailure(pass.problems.joined(separator: "; "))
        }
    }
}
