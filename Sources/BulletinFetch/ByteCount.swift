/// Reads a size as people write it in a config or on a command line.
///
/// ```swift
/// ByteCount.parse("20MB")   // 20_971_520
/// ByteCount.parse("512k")   // 524_288
/// ByteCount.parse("1000")   // 1000
/// ```
public enum ByteCount {
    /// Bytes, or nil when the text is not a size. Units are binary (1 KB = 1024 B), case-insensitive.
    public static func parse(_ text: String) -> Int? {
        let lowered = text.trimmingSpaces().lowercased()
        let digits = lowered.prefix { $0.isASCIIDigit || $0 == "." }
        let unit = lowered.dropFirst(digits.count).trimmingSpaces()
        guard let number = Double(digits), number >= 0 else { return nil }
        let scale: Double
        switch unit {
        case "", "b": scale = 1
        case "k", "kb", "kib": scale = 1024
        case "m", "mb", "mib": scale = 1024 * 1024
        case "g", "gb", "gib": scale = 1024 * 1024 * 1024
        default: return nil
        }
        let bytes = number * scale
        guard bytes < Double(Int.max / 2) else { return nil }
        return Int(bytes)
    }
}
