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
    static func events(
        for records: [IndicatorRecord], source: SourceRecord, version: VersionRecord, in db: Database
    ) throws -> [Event] {
        var events: [Event] = []
        let statement = try db.cachedStatement(
            sql: """
                SELECT indicator.value, indicator.upper, indicator.qualifier, indicator.text, indicator.unit,
                       version.sourceId, version.sequence, version.url
                FROM indicator JOIN version ON version.id = indicator.versionId
                JOIN source ON source.id = version.sourceId
                WHERE indicator.key = ? AND version.id != ? AND version.fetchedAt <= ?
                  AND (version.sourceId = ? OR (source.region IS NOT NULL AND source.region = ?))
                ORDER BY version.fetchedAt DESC, version.id DESC LIMIT 1
                """)
        for actual in records where actual.status == "actual" && actual.period != nil && !actual.key.contains("#") {
            let targetKey = actual.key.replacingOccurrences(of: "|actual|", with: "|target|")
            guard
                let row = try Row.fetchOne(
                    statement,
                    arguments: [targetKey, version.id, version.fetchedAt, source.id, source.region ?? "\u{0}"]),
                let actualValue = Double(actual.value), let targetValue = Double(row[0] as String),
                (row[4] as String) == actual.unit
            else { continue }
            let upper: String? = row[1]
            let qualifier: String? = row[2]
            let met = met(
                actual: actualValue, target: targetValue, upper: upper.flatMap(Double.init), qualifier: qualifier)
            let type = met ? "target.met" : "target.missed"
            let targetSource: String = row[5]
            let delta = (Decimal(string: actual.value) ?? 0) - (Decimal(string: row[0] as String) ?? 0)
            let target = Event.TargetPart(
                value: row[0], upper: upper, qualifier: qualifier, text: row[3], sourceId: targetSource,
                version: row[6],
                url: row[7])
            let part = Event.IndicatorPart(
                key: actual.key, subject: actual.subject, kind: actual.kind, period: actual.period,
                status: actual.status,
                unit: actual.unit, old: target.value, new: actual.value, delta: delta.description, relative: nil,
                text: actual.text)
            events.append(
                Event(
                    id: Event.stableID(type, targetSource, targetKey), type: type, occurredAt: version.fetchedAt,
                    source: .init(id: source.id, url: source.url, region: source.region),
                    document: .init(
                        title: version.title, url: version.url, version: version.sequence, previousVersion: nil,
                        sha256: version.blob),
                    indicator: part, error: nil, target: target))
        }
        return events
    }
}
