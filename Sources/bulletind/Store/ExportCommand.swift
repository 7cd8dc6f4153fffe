import ArgumentParser
import BulletinParser
import BulletinStore

/// `bulletind export`: every indicator of every version, long format, for pandas or Excel.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "One row per indicator per version, long format (CSV with a BOM for Excel, or JSON Lines).",
        discussion: """
            Examples:
              bulletind export --state ./state > indicators.csv
              bulletind export --state ./state --source hexi-report --format jsonl > hexi.jsonl
              python3 -c "import pandas as pd; print(pd.read_csv('indicators.csv'))"
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, jsonl }

    @OptionGroup var store: StoreOptions

    @Option(help: "Only this source.")
    var source: String?

    @Option(help: "Output format: csv (UTF-8 with BOM) or jsonl.")
    var format: Format = .csv

    static let columns = [
        "source", "version", "fetched_at", "sha256", "subject", "kind", "value", "upper", "unit", "qualifier", "period",
        "status", "confidence", "key", "text",
    ]

    func run() throws {
        let store = try store.open()
        if let source { _ = try storeCall { try store.versions(of: source) } }  // a clear error for a wrong id
        var buffer = format == .csv ? "\u{FEFF}" + IndicatorFormatter.csvRow(Self.columns) + "\r\n" : ""
        try storeCall {
            try store.forEachIndicator(source: source) { version, i in
                let values: [String?] = [
                    version.sourceId, "\(version.sequence)", Timestamp.string(version.fetchedAt), version.blob,
                    i.subject,
                    i.kind, i.value, i.upper, i.unit, i.qualifier, i.period, i.status, "\(i.confidence)", i.key, i.text,
                ]
                if format == .csv {
                    buffer += IndicatorFormatter.csvRow(values.map { $0 ?? "" }) + "\r\n"
                } else {
                    let fields = zip(Self.columns, values).map { name, value in
                        let quoted = name != "version" && name != "confidence"
                        return (name, value.map { quoted ? IndicatorFormatter.quote($0) : $0 } ?? "null")
                    }
                    buffer += IndicatorFormatter.jsonObject(fields) + "\n"
                }
                if buffer.utf8.count > 1 << 16 {
                    StandardOutput.write(buffer)
                    buffer = ""
                }
            }
        }
        StandardOutput.write(buffer)
    }
}
