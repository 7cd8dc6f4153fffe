import ArgumentParser
import BulletinParser
import BulletinStore
import BulletinWatch
import Foundation

/// `bulletind status`: each configured source's health and schedule, from the store.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each source: health, last check, last change, versions and next due.",
        discussion: """
            Reads the store the daemon writes; works while it runs.

            Examples:
              bulletind status --config /etc/bulletind/bulletind.yaml
              bulletind status --config ./bulletind.yaml --format jsonl
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl }

    @OptionGroup var options: ConfigOption

    @Option(help: "Output format: table or jsonl.")
    var format: Format = .table

    func run() throws {
        let config = try options.load()
        let store: SnapshotStore
        do {
            store = try SnapshotStore(directory: config.stateDirectory, create: false)
        } catch {
            throw CommandFailure("\(error)")
        }
        let health = Dictionary(try storeCall { try store.health() }.map { ($0.sourceId, $0) }) { a, _ in a }
        let versions = try storeCall { try store.versionSummaries() }
        let now = Date()
        var rows: [[String]] = []
        var lines: [String] = []
        let all = try storeCall { try Watcher.expand(config.sources, store: store) }
        for source in all {
            let entry = health[source.id]
            let summary = versions[source.id]
            let checked = entry?.lastAttemptAt
            rows.append([
                source.parent == nil ? source.id : "↳ \(source.id)", entry?.state ?? "never checked",
                Self.ago(checked, now),
                Self.ago(summary?.lastChangeAt, now),
                "\(summary?.count ?? 0)", Self.until(entry?.nextDueAt, now), entry?.lastError ?? "",
            ])
            let q = IndicatorFormatter.quote
            func field(_ name: String, _ date: Date?) -> (String, String) {
                (name, date.map { q(Timestamp.string($0)) } ?? "null")
            }
            lines.append(
                IndicatorFormatter.jsonObject([
                    ("id", q(source.id)), ("url", q(source.url)), ("parent", source.parent.map(q) ?? "null"),
                    ("every", q(DurationText.format(source.every))),
                    ("health", q(entry?.state ?? "never checked")),
                    ("consecutive_failures", "\(entry?.consecutiveFailures ?? 0)"),
                    field("last_check", checked), field("last_success", entry?.lastSuccessAt),
                    field("last_change", summary?.lastChangeAt), ("versions", "\(summary?.count ?? 0)"),
                    field("next_due", entry?.nextDueAt), ("last_error", entry?.lastError.map(q) ?? "null"),
                ]))
        }
        switch format {
        case .jsonl:
            StandardOutput.write(lines.map { $0 + "\n" }.joined())
        case .table:
            let header = ["SOURCE", "HEALTH", "CHECKED", "CHANGED", "VERSIONS", "NEXT", "LAST ERROR"]
            StandardOutput.write(IndicatorFormatter.alignedTable(header, rows))
            guard !config.notify.isEmpty else { return }
            let counts = try storeCall { try store.deliveryCounts() }
            let sinkRows = config.notify.map { sink in
                let c = counts[sink.name] ?? [:]
                return [
                    sink.name, sink.type, "\(c[.delivered] ?? 0)", "\(c[.pending] ?? 0)", "\(c[.dead] ?? 0)",
                    "\(c[.filtered] ?? 0)",
                ]
            }
            StandardOutput.write(
                "\n"
                    + IndicatorFormatter.alignedTable(
                        ["SINK", "TYPE", "DELIVERED", "RETRYING", "DEAD", "FILTERED"], sinkRows))
        }
    }

    static func ago(_ date: Date?, _ now: Date) -> String {
        guard let date else { return "-" }
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        return seconds == 0 ? "now" : "\(DurationText.format(.seconds(seconds))) ago"
    }

    static func until(_ date: Date?, _ now: Date) -> String {
        guard let date else { return "-" }
        let seconds = Int(date.timeIntervalSince(now).rounded(.up))
        return seconds <= 0 ? "due" : "in \(DurationText.format(.seconds(seconds)))"
    }
}
