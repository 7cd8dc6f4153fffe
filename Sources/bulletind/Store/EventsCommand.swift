import ArgumentParser
import BulletinStore

/// `bulletind events`: what the store has queued to tell people.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract:
            "List the most recent events (bulletin.new, indicator.changed …) from the outbox, oldest first, with each sink's delivery state.",
        discussion: """
            Examples:
              bulletind events --state ./state
              bulletind events --state ./state --source hexi-report --format jsonl
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl }

    @OptionGroup var store: StoreOptions

    @Option(help: "Only this source.")
    var source: String?

    @Option(help: "How many events.")
    var limit = 50

    @Option(help: "Output format: table or jsonl (the event as delivered).")
    var format: Format = .table

    func run() throws {
        let store = try store.open()
        let events = try storeCall { try store.events(source: source, limit: limit) }.reversed()
        switch format {
        case .jsonl:
            StandardOutput.write(events.map { $0.payload + "\n" }.joined())
        case .table:
            let deliveries = try storeCall { try store.deliveries(of: events.compactMap(\.id)) }
            StandardOutput.write(
                events.map { event in
                    let states = (deliveries[event.id ?? -1] ?? []).map { delivery in
                        let retry = delivery.state == .pending ? "(\(delivery.attempts))" : ""
                        return "\(delivery.sink):\(delivery.state.rawValue)\(retry)"
                    }
                    return Self.line(event) + (states.isEmpty ? "" : "  [" + states.joined(separator: " ") + "]") + "\n"
                }.joined())
        }
    }

    /// "indicator.changed  hexi-report v2  2023 地区生产总值 level: 1286.4 → 1292.8 亿元"
    static func line(_ record: OutboxRecord) -> String {
        guard let event = try? Event.decode(record.payload) else { return "\(record.type)  \(record.sourceId)" }
        var line = "\(Timestamp.string(event.occurredAt))  \(event.type)  \(event.source.id)"
        if let document = event.document { line += " v\(document.version)" }
        if let i = event.indicator {
            line += "  \(i.period ?? "-") \(i.subject) \(i.kind)/\(i.status): "
            switch (i.old, i.new) {
            case (let old?, let new?): line += "\(old) → \(new) \(i.unit)"
            case (nil, let new?): line += "new \(new) \(i.unit)"
            case (let old?, nil): line += "gone (was \(old) \(i.unit))"
            default: break
            }
        }
        if let error = event.error { line += "  \(error)" }
        return line
    }
}
