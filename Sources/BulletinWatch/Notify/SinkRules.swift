public import BulletinStore
import Foundation

/// Which events a sink wants: by type, source and subject, and for changes, by how far the value
/// moved since the last value this sink was told (so a slow drift still alerts once it adds up).
///
/// ```yaml
/// events: [indicator.changed, bulletin.*]
/// subjects: [生产总值, "^(一般)?公共预算收入$"]   # regular expressions (a plain word matches anywhere)
/// exclude_subjects: [能耗]
/// min_change: 1                      # in the indicator's unit
/// min_relative: 0.5%
/// ```
public struct SinkRules: Sendable, Equatable {
    /// Event types, exact or ending in ".*"; empty for all.
    public var types: [String] = []
    public var sources: [String] = []
    public var subjects: [String] = []
    public var excludeSubjects: [String] = []
    public var minChange: Double?
    /// A share: 0.005 for 0.5 %.
    public var minRelative: Double?

    public init() {}

    /// Whether the regular expression `pattern` finds a match in `text` (a pattern that does not
    /// compile, which `check-config` reports, matches as plain text).
    static func matches(_ pattern: String, _ text: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return text.contains(pattern) }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Whether `event` goes to the sink; `lastNotified` is the value it was last told of this
    /// indicator (nil: never, and the change is measured from the old value).
    public func admits(_ event: Event, lastNotified: String? = nil) -> Bool {
        if !types.isEmpty
            && !types.contains(where: {
                $0 == event.type || ($0.hasSuffix(".*") && event.type.hasPrefix($0.dropLast()))
            })
        {
            return false
        }
        if !sources.isEmpty && !sources.contains(event.source.id) { return false }
        guard let indicator = event.indicator else { return true }
        let subject = indicator.subject
        if !subjects.isEmpty && !subjects.contains(where: { Self.matches($0, subject) }) { return false }
        if excludeSubjects.contains(where: { Self.matches($0, subject) }) { return false }
        guard event.type == "indicator.changed", minChange != nil || minRelative != nil else { return true }
        guard let new = indicator.new.flatMap(Double.init),
            let base = (lastNotified ?? indicator.old).flatMap(Double.init)
        else { return true }
        let moved = abs(new - base)
        if let minChange, moved >= minChange { return true }
        if let minRelative, base != 0, moved / abs(base) >= minRelative { return true }
        if let minRelative, base == 0, minRelative >= 0, moved > 0 { return true }
        return false
    }
}
