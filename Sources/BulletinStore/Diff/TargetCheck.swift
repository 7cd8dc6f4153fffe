import Foundation
import GRDB

/// target.met / target.missed: when a document reports an actual for a period that an earlier
/// document (of the same source, or of a source of the same region) set a target for — the 2024
/// target "增长5%左右" in the 2024 report against the 2024 actual in the 2025 report.
///
/// The rule, by the target's qualifier:
/// - 以内, 以下, 不超过, 控制在, 低于: met when the actual is at most the target (or its upper bound);
/// - a target that is a decline (negative growth, 下降2.5%): met when the actual declines at least
///   as much;
/// - 左右, 约, 上下: met within 5 % of the target's size below it, or above;
/// - otherwise (以上, 达到, none): met when the actual reaches the target (a range's lower bound).
///
/// Each target is judged once per outcome: the event id derives from the type, the target's
/// source and the indicator's identity.
enum TargetCheck {
    /// Whether `actual` meets `target` under `qualifier`.
    static func met(actual: Double, target: Double, upper: Double?, qualifier: String?) -> Bool {
        let q = qualifier ?? ""
        if ["以内", "以下", "不超过", "控制在", "低于", "不高于"].contains(where: q.contains) {
            return actual <= (upper ?? target)
        }
        let approximate = ["左右", "约", "上下"].contains(where: q.contains)
        let tolerance = approximate ? abs(target) * 0.05 : 0
        if target < 0 { return actual <= target + tolerance }
        return actual >= target - tolerance
    }

    /// The events for the actual indicators of a newly stored version.
    ///
    /// Targets are looked for in the latest earlier version of this source and of every source of
    /// the same region: a few versions, read once, whatever the size of the store.
    static func events(
        for records: [IndicatorRecord], source: SourceRecord, version: VersionRecord, in db: Database
    ) throws -> [Event] {
        let actuals = records.filter { $0.status == "actual" && $0.period != nil && !$0.key.contains("#") }
        guard !actuals.isEmpty else { return [] }
        let candidates = try String.fetchAll(
            db, sql: "SELECT id FROM source WHERE id = ? OR (region IS NOT NULL AND region = ?)",
            arguments: [source.id, source.region ?? "\u{0}"])
        let newestBefore = try db.cachedStatement(
            sql: """
                SELECT id, sourceId, sequence, url FROM version
                WHERE sourceId = ? AND id != ? AND fetchedAt <= ? ORDER BY sequence DESC LIMIT 1
                """)
        var earlier: [Int64: (sourceId: String, sequence: Int, url: String)] = [:]
        for candidate in candidates {
            if let row = try Row.fetchOne(newestBefore, arguments: [candidate, version.id, version.fetchedAt]) {
                earlier[row[0]] = (row[1], row[2], row[3])
            }
        }
        guard !earlier.isEmpty else { return [] }
        // Every target of those versions, by identity key; the most recent version wins.
        var targets: [String: (row: Row, version: (sourceId: String, sequence: Int, url: String))] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT key, value, upper, qualifier, text, unit, versionId FROM indicator
                WHERE status = 'target' AND versionId IN (\(earlier.keys.map { _ in "?" }.joined(separator: ",")))
                ORDER BY versionId
                """, arguments: StatementArguments(Array(earlier.keys)))
        for row in rows { targets[row["key"]] = (row, earlier[row["versionId"]]!) }

        var events: [Event] = []
        for actual in actuals {
            let targetKey = actual.key.replacingOccurrences(of: "|actual|", with: "|target|")
            guard let (row, origin) = targets[targetKey], let actualValue = Double(actual.value),
                let targetText: String = row["value"], let targetValue = Double(targetText),
                (row["unit"] as String) == actual.unit
            else { continue }
            let upper: String? = row["upper"]
            let qualifier: String? = row["qualifier"]
            let met = met(
                actual: actualValue, target: targetValue, upper: upper.flatMap(Double.init), qualifier: qualifier)
            let type = met ? "target.met" : "target.missed"
            let delta = (Decimal(string: actual.value) ?? 0) - (Decimal(string: targetText) ?? 0)
            let target = Event.TargetPart(
                value: targetText, upper: upper, qualifier: qualifier, text: row["text"], sourceId: origin.sourceId,
                version: origin.sequence, url: origin.url)
            let part = Event.IndicatorPart(
                key: actual.key, subject: actual.subject, kind: actual.kind, period: actual.period,
                status: actual.status,
                unit: actual.unit, old: targetText, new: actual.value, delta: delta.description, relative: nil,
                text: actual.text)
            events.append(
                Event(
                    id: Event.stableID(type, origin.sourceId, targetKey), type: type, occurredAt: version.fetchedAt,
                    source: .init(id: source.id, url: source.url, region: source.region),
                    document: .init(
                        title: version.title, url: version.url, version: version.sequence, previousVersion: nil,
                        sha256: version.blob),
                    indicator: part, error: nil, target: target))
        }
        return events
    }
}
