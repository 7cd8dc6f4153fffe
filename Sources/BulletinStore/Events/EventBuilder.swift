public import Foundation

/// The events a new version causes: bulletin.new for a source's first document, otherwise
/// bulletin.updated and one indicator.added / removed / changed per difference.
struct EventBuilder {
    var source: SourceRecord
    var version: VersionRecord
    var previous: VersionRecord?

    func events(for changes: [IndicatorChange]) -> [Event] {
        let sourcePart = Event.Source(id: source.id, url: source.url, region: source.region)
        let document = Event.Document(
            title: version.title, url: version.url, version: version.sequence, previousVersion: previous?.sequence,
            sha256: version.blob)
        func event(_ type: String, _ discriminator: String = "", indicator: Event.IndicatorPart? = nil) -> Event {
            Event(
                id: Event.stableID(source.id, "\(version.sequence)", type, discriminator), type: type,
                occurredAt: version.fetchedAt, source: sourcePart, document: document, indicator: indicator)
        }
        guard previous != nil else { return [event("bulletin.new")] }
        var events = [event("bulletin.updated")]
        for change in changes {
            let current = change.current
            let part = Event.IndicatorPart(
                key: change.key, subject: current.subject, kind: current.kind, period: current.period,
                status: current.status,
                unit: current.unit, old: change.old?.value, new: change.new?.value, delta: change.delta,
                relative: change.relative, text: current.text)
            events.append(event("indicator.\(change.kind.rawValue)", change.key, indicator: part))
        }
        return events
    }
}

extension Event {
    /// source.failing or source.recovered for a run of failures that began at `since`: the same
    /// run gives the same id, so a retried save queues it once.
    public static func health(
        _ type: String, source: Event.Source, error: String?, since: Date, at date: Date
    ) -> Event {
        let run = String(Int(since.timeIntervalSince1970 * 1000))
        return Event(
            id: stableID(source.id, type, run), type: type, occurredAt: date, source: source, document: nil,
            indicator: nil, error: error)
    }
}
