import ArgumentParser
import BulletinStore

/// `bulletind prune`: retention by hand (the daemon applies each source's own settings).
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove old stored documents of a source; its versions and indicators stay.",
        discussion: """
            A document goes when it is beyond the newest --keep-versions and (if given) was last \
            seen more than --keep-days ago. History, diff and export keep working on its indicators; \
            reparse skips it.

            Example:
              bulletind prune --state ./state hexi-report --keep-versions 20 --keep-days 365
            """
    )

    @OptionGroup var store: StoreOptions

    @Argument(help: "The source id.")
    var source: String

    @Option(help: "Keep the documents of the newest N versions.")
    var keepVersions: Int?

    @Option(help: "Keep the documents seen in the last N days.")
    var keepDays: Int?

    func validate() throws {
        guard keepVersions != nil || keepDays != nil else {
            throw ValidationError("give --keep-versions and/or --keep-days")
        }
        if let keepVersions, keepVersions < 1 { throw ValidationError("--keep-versions must be at least 1") }
        if let keepDays, keepDays < 0 { throw ValidationError("--keep-days cannot be negative") }
    }

    func run() throws {
        let store = try store.open()
        _ = try storeCall { try store.versions(of: source) }
        let removed = try storeCall {
            try store.applyRetention(source: source, keepVersions: keepVersions, keepDays: keepDays)
        }
        StandardOutput.write("\(source): \(removed) stored document\(removed == 1 ? "" : "s") removed\n")
    }
}
