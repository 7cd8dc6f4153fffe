public import Foundation

/// A daily window such as "08:00-20:00" (or across midnight, "22:00-06:00") in a time zone.
///
/// ```swift
/// let hours = ActiveHours(parsing: "08:00-20:00")!
/// hours.nextOpening(after: Date(), in: TimeZone(identifier: "Asia/Shanghai")!)
/// ```
public struct ActiveHours: Sendable, Equatable, CustomStringConvertible {
    /// Minutes after midnight.
    public var start: Int
    public var end: Int

    /// Reads "HH:MM-HH:MM"; nil when malformed or empty.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]), start != end
        else { return nil }
        self.start = start
        self.end = end
    }

    private static func minutes(_ text: Substring) -> Int? {
        let pieces = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard pieces.count == 2, pieces[1].count == 2, let hours = Int(pieces[0]), let minutes = Int(pieces[1]),
            (0...24).contains(hours), (0..<60).contains(minutes), hours * 60 + minutes <= 24 * 60
        else { return nil }
        return hours * 60 + minutes
    }

    public var description: String {
        func clock(_ minutes: Int) -> String {
            let hours = minutes / 60
            let rest = minutes % 60
            return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
        }
        return "\(clock(start))-\(clock(end))"
    }

    /// True when `date` falls inside the window.
    public func contains(_ date: Date, in zone: TimeZone) -> Bool {
        let minute = minuteOfDay(date, in: zone)
        return start < end ? (start..<end).contains(minute) : (minute >= start || minute < end)
    }

    /// `date` itself when inside the window, else the next time the window opens.
    public func nextOpening(after date: Date, in zone: TimeZone) -> Date {
        if contains(date, in: zone) { return date }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let midnight = calendar.startOfDay(for: date)
        let today = calendar.date(byAdding: .minute, value: start, to: midnight)!
        return today > date ? today : calendar.date(byAdding: .day, value: 1, to: today)!
    }

    private func minuteOfDay(_ date: Date, in zone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }
}
