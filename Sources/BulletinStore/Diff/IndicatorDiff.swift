public import BulletinParser
import Foundation

/// How one indicator differs between two versions.
public struct IndicatorChange: Sendable {
    public enum Kind: String, Sendable { case added, removed, changed }
    public var kind: Kind
    public var key: String
    public var old: IndicatorRecord?
    public var new: IndicatorRecord?

    /// The indicator as it is now (or was, if removed).
    public var current: IndicatorRecord { (new ?? old)! }

    /// new − old as a decimal string ("3", "-0.4"); nil unless both values are numbers.
    public var delta: String? {
        guard let old = old.flatMap({ Decimal(string: $0.value) }), let new = new.flatMap({ Decimal(string: $0.value) })
        else { return nil }
        return (new - old).description
    }

    /// (new − old) / old; nil when old is zero or either is not a number.
    public var relative: Double? {
        guard let old = old.flatMap({ Double($0.value) }), let new = new.flatMap({ Double($0.value) }), old != 0
        else { return nil }
        return (new - old) / old
    }
}

extension Array where Element == IndicatorChange {
    /// "3 changed, 0 added, 21 removed"
    public var summary: String {
        let count = { (kind: IndicatorChange.Kind) in filter { $0.kind == kind }.count }
        return "\(count(.changed)) changed, \(count(.added)) added, \(count(.removed)) removed"
    }
}

/// Indicator identity across versions, and the comparison of two versions' indicators.
public enum IndicatorDiff {
    /// Identity keys for a document's indicators, in order: period, kind, status and the subject with
    /// spaces and punctuation removed. A key that repeats within a document gets "#2", "#3" …
    ///
    /// ```swift
    /// IndicatorDiff.keys(for: [gdp])  // ["2023|level|actual|地区生产总值"]
    /// ```
    public static func keys(for indicators: [Indicator]) -> [String] {
        var seen: [String: Int] = [:]
        return indicators.map { indicator in
            let base = key(
                subject: indicator.subject, kind: indicator.kind.rawValue, status: indicator.status.rawValue,
                period: indicator.period)
            seen[base, default: 0] += 1
            let count = seen[base]!
            return count == 1 ? base : "\(base)#\(count)"
        }
    }

    /// The identity key of one indicator (before numbering repeats).
    public static func key(subject: String, kind: String, status: String, period: String?) -> String {
        "\(period ?? "-")|\(kind)|\(status)|\(normalizedSubject(subject))"
    }

    /// The subject as compared: no spaces, no punctuation, ASCII lowercased.
    public static func normalizedSubject(_ subject: String) -> String {
        String(
            subject.unicodeScalars.filter {
                !CharacterSet.whitespacesAndNewlines.contains($0) && !CharacterSet.punctuationCharacters.contains($0)
                    && !CharacterSet.symbols.contains($0)
            }
        ).lowercased()
    }

    /// Added, removed and changed indicators from `old` to `new`, in the new document's order
    /// (removals last). A change is a different value, upper bound or unit.
    public static func compare(old: [IndicatorRecord], new: [IndicatorRecord]) -> [IndicatorChange] {
        let before = Dictionary(old.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let afterKeys = Set(new.map(\.key))
        var changes: [IndicatorChange] = []
        for indicator in new {
            guard let previous = before[indicator.key] else {
                changes.append(IndicatorChange(kind: .added, key: indicator.key, old: nil, new: indicator))
                continue
            }
            if previous.value != indicator.value || previous.upper != indicator.upper || previous.unit != indicator.unit
            {
                changes.append(IndicatorChange(kind: .changed, key: indicator.key, old: previous, new: indicator))
            }
        }
        for indicator in old where !afterKeys.contains(indicator.key) {
            changes.append(IndicatorChange(kind: .removed, key: indicator.key, old: indicator, new: nil))
        }
        return changes
    }
}
