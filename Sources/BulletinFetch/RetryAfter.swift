public import Foundation

/// Reads a Retry-After header: delay-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT").
///
/// ```swift
/// RetryAfter.parse("120", now: .now)  // .seconds(120)
/// ```
public enum RetryAfter {
    /// The longest wait we accept from a server (a day); longer values are clamped.
    public static let ceiling: Duration = .seconds(86_400)

    /// The wait the header asks for, from `now`; nil if unreadable. A date in the past is zero.
    public static func parse(_ value: String, now: Date = Date()) -> Duration? {
        let text = value.trimmingSpaces()
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit) {
            guard let seconds = Int(text) else { return ceiling }
            return min(.seconds(seconds), ceiling)
        }
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                let seconds = max(0, date.timeIntervalSince(now))
                return min(.milliseconds(Int64(seconds * 1000)), ceiling)
            }
        }
        return nil
    }

    /// IMF-fixdate, RFC 850 and asctime, as RFC 9110 requires a recipient to read.
    private static let formats = [
        "EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy",
    ]
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
