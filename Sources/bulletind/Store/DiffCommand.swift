import ArgumentParser
import BulletinParser
import BulletinStore
import Foundation

/// `bulletind diff`: what changed between two versions, indicator by indicator.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Indicators added, removed and changed between two versions (the latest two by default).",
        discussion: """
            Examples:
              bulletind diff --state ./state hexi-report
              bulletind diff --state ./state hexi-report --from 1 --to 3 --format jsonl
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl }

    @OptionGroup var store: StoreOptions

    @Argument(help: "The source id.")
    var source: String

    @Option(help: "The older version (default: the one before --to).")
    var from: Int?

    @Option(help: "The newer version (default: the latest).")
    var to: Int?

    @Option(help: "Output format: table or jsonl.")
    var format: Format = .table

    func run() throws {
        let store = try store.open()
        let (older, newer, changes) = try storeCall { try store.diff(of: source, from: from, to: to) }
        switch format {
        case .jsonl:
            StandardOutput.write(changes.map(Self.json).joined())
        case .table:
            var out = "\(source): version \(older.sequence) → \(newer.sequence)\n"
            for change in changes { out += Self.line(change) + "\n" }
            out += changes.summary + "\n"
            StandardOutput.write(out)
        }
    }

    static func line(_ change: IndicatorChange) -> String {
        let i = change.current
        let label = "\(i.period ?? "-") \(i.subject) [\(i.kind), \(i.status)]"
        switch change.kind {
        case .added: return "+ \(label): \(i.value) \(i.unit)"
        case .removed: return "- \(label): \(i.value) \(i.unit)"
        case .changed:
            var line = "~ \(label): \(change.old!.value) → \(change.new!.value) \(i.unit)"
            if let delta = change.delta {
                line += " (\(delta.hasPrefix("-") ? "" : "+")\(delta)"
                if let relative = change.relative { line += String(format: ", %+.2f%%", relative * 100) }
                line += ")"
            }
            return line
        }
    }

    static func json(_ change: IndicatorChange) -> String {
        let i = change.current
        var fields: [(name: String, json: String)] = [
            ("change", IndicatorFormatter.quote(change.kind.rawValue)), ("key", IndicatorFormatter.quote(change.key)),
            ("subject", IndicatorFormatter.quote(i.subject)), ("kind", IndicatorFormatter.quote(i.kind)),
            ("period", i.period.map(IndicatorFormatter.quote) ?? "null"),
            ("status", IndicatorFormatter.quote(i.status)),
            ("unit", IndicatorFormatter.quote(i.unit)),
            ("old", change.old.map { IndicatorFormatter.quote($0.value) } ?? "null"),
            ("new", change.new.map { IndicatorFormatter.quote($0.value) } ?? "null"),
            ("delta", change.delta.map(IndicatorFormatter.quote) ?? "null"),
        ]
        fields.append(("relative", change.relative.map { "\($0)" } ?? "null"))
        fields.append(("text", IndicatorFormatter.quote(i.text)))
        return IndicatorFormatter.jsonObject(fields) + "\n"
    }
}
