import ArgumentParser
import BulletinParser
import BulletinStore

/// `bulletind history`: a source's versions, or one indicator across them.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List a source's versions, or one indicator's values across them.",
        discussion: """
            Examples:
              bulletind history --state ./state hexi-report
              bulletind history --state ./state hexi-report --indicator 地区生产总值
              bulletind history --state ./state hexi-report --indicator 地区生产总值 --format jsonl
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl, csv }

    @OptionGroup var store: StoreOptions

    @Argument(help: "The source id.")
    var source: String

    @Option(help: "Text the indicator's subject contains (or its identity key).")
    var indicator: String?

    @Option(help: "Output format: table, jsonl or csv.")
    var format: Format = .table

    func run() throws {
        let store = try store.open()
        if let indicator {
            let history = try storeCall { try store.history(of: source, indicator: indicator) }
            StandardOutput.write(render(history))
        } else {
            let versions = try storeCall { try store.versions(of: source) }
            StandardOutput.write(render(versions))
        }
    }

    private func render(_ versions: [VersionRecord]) -> String {
        let header = ["version", "fetched_at", "last_seen_at", "sha256", "bytes", "indicators", "parser", "blob"]
        let rows = versions.map { v in
            [
                "\(v.sequence)", Timestamp.string(v.fetchedAt), Timestamp.string(v.lastSeenAt), v.blob, "\(v.size)",
                "\(v.indicatorCount)", v.parserVersion, v.blobPruned ? "pruned" : "kept",
            ]
        }
        switch format {
        case .table:
            let short = rows.map { row in row.enumerated().map { $0 == 3 ? String($1.prefix(12)) : $1 } }
            return IndicatorFormatter.alignedTable(header, short)
        case .csv:
            return ([header] + rows).map { IndicatorFormatter.csvRow($0) + "\n" }.joined()
        case .jsonl:
            return rows.map { row in
                IndicatorFormatter.jsonObject(zip(header, row).map { ($0, Self.jsonValue($1, key: $0)) }) + "\n"
            }.joined()
        }
    }

    private func render(_ history: [(version: VersionRecord, indicators: [IndicatorRecord])]) -> String {
        switch format {
        case .jsonl:
            return history.map { entry in
                let items = entry.indicators.map(Self.json).joined(separator: ",")
                return IndicatorFormatter.jsonObject([
                    ("version", "\(entry.version.sequence)"),
                    ("fetched_at", IndicatorFormatter.quote(Timestamp.string(entry.version.fetchedAt))),
                    ("sha256", IndicatorFormatter.quote(entry.version.blob)), ("indicators", "[\(items)]"),
                ]) + "\n"
            }.joined()
        case .table, .csv:
            let header = ["version", "fetched_at", "subject", "kind", "period", "status", "value", "unit", "qualifier"]
            var rows: [[String]] = []
            for (version, indicators) in history {
                if indicators.isEmpty {
                    rows.append(["\(version.sequence)", Timestamp.string(version.fetchedAt), "—"])
                }
                for i in indicators {
                    rows.append([
                        "\(version.sequence)", Timestamp.string(version.fetchedAt), i.subject, i.kind, i.period ?? "",
                        i.status, i.upper.map { "\(i.value)–\($0)" } ?? i.value, i.unit, i.qualifier ?? "",
                    ])
                }
            }
            if format == .csv {
                return ([header] + rows).map { IndicatorFormatter.csvRow($0) + "\n" }.joined()
            }
            return IndicatorFormatter.alignedTable(header, rows)
        }
    }

    static func json(_ i: IndicatorRecord) -> String {
        var fields: [(name: String, json: String)] = [
            ("subject", IndicatorFormatter.quote(i.subject)), ("kind", IndicatorFormatter.quote(i.kind)),
            ("value", IndicatorFormatter.quote(i.value)), ("unit", IndicatorFormatter.quote(i.unit)),
            ("period", i.period.map(IndicatorFormatter.quote) ?? "null"),
            ("status", IndicatorFormatter.quote(i.status)),
            ("qualifier", i.qualifier.map(IndicatorFormatter.quote) ?? "null"),
            ("text", IndicatorFormatter.quote(i.text)), ("key", IndicatorFormatter.quote(i.key)),
        ]
        if let upper = i.upper { fields.append(("upper", IndicatorFormatter.quote(upper))) }
        return IndicatorFormatter.jsonObject(fields)
    }

    static func jsonValue(_ value: String, key: String) -> String {
        ["version", "bytes", "indicators"].contains(key) ? value : IndicatorFormatter.quote(value)
    }
}
