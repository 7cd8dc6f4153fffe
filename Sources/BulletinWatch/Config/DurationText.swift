/// Durations as people write them in a config: "30s", "6h", "1h30m", "500ms", "2d".
///
/// ```swift
/// DurationText.parse("1h30m")  // .seconds(5400)
/// DurationText.format(.seconds(5400))  // "1h30m"
/// ```
public enum DurationText {
    /// The duration, or nil when the text is not one. Every number needs a unit: ms, s, m, h or d.
    public static func parse(_ text: String) -> Duration? {
        var total: Duration = .zero
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard let number = Double(digits), number >= 0 else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isASCII && $0.isLetter }
            rest = rest.dropFirst(unit.count)
            let seconds: Double
            switch unit.lowercased() {
            case "ms": seconds = 0.001
            case "s", "sec": seconds = 1
            case "m", "min": seconds = 60
            case "h": seconds = 3600
            case "d": seconds = 86400
            default: return nil
            }
            guard number * seconds < 1e9 else { return nil }
            total += .milliseconds(Int64((number * seconds * 1000).rounded()))
        }
        return total
    }

    /// A short form for logs and `status`: "45s", "4m", "1h30m", "2d".
    public static func format(_ duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        if seconds < 1 { return "\(Int(duration.components.attoseconds / 1_000_000_000_000_000))ms" }
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" + (seconds % 60 == 0 ? "" : "\(seconds % 60)s") }
        if seconds < 86400 { return "\(seconds / 3600)h" + (seconds % 3600 / 60 == 0 ? "" : "\(seconds % 3600 / 60)m") }
        return "\(seconds / 86400)d" + (seconds % 86400 / 3600 == 0 ? "" : "\(seconds % 86400 / 3600)h")
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
