import Foundation

/// Writes indicators as JSON Lines, CSV or an aligned table.
///
/// ```swift
/// let lines = IndicatorFormatter.jsonLines(result.indicators)
/// ```
public enum IndicatorFormatter {
    /// The field names of `--format jsonl` and `--format csv`, in order.
    public static let fields = [
        "subject", "kind", "value", "upper", "unit", "qualifier", "period", "status", "text", "start", "end", "item",
        "confidence",
    ]

    /// One JSON object per indicator, one per line, keys in ``fields`` order, UTF-8 unescaped.
    public static func jsonLine(_ i: Indicator) -> String {
        var parts: [String] = []
        parts.reserveCapacity(fields.count)
        parts.append("\"subject\":" + quote(i.subject))
        parts.append("\"kind\":" + quote(i.kind.rawValue))
        parts.append("\"value\":" + quote(i.value))
        parts.append("\"upper\":" + (i.upper.map(quote) ?? "null"))
        parts.append("\"unit\":" + quote(i.unit))
        parts.append("\"qualifier\":" + (i.qualifier.map(quote) ?? "null"))
        parts.append("\"period\":" + (i.period.map(quote) ?? "null"))
        parts.append("\"status\":" + quote(i.status.rawValue))
        parts.append("\"text\":" + quote(i.text))
        parts.append("\"start\":\(i.start)")
        parts.append("\"end\":\(i.end)")
        parts.append("\"item\":" + (i.item.map(String.init) ?? "null"))
        parts.append("\"confidence\":\(i.confidence)")
        return "{" + parts.joined(separator: ",") + "}"
    }

    public static func jsonLines(_ indicators: [Indicator]) -> String {
        indicators.map { jsonLine($0) + "\n" }.joined()
    }

    /// RFC 4180 CSV with a header row.
    public static func csv(_ indicators: [Indicator]) -> String {
        var out = fields.joined(separator: ",") + "\r\n"
        for i in indicators {
            let row: [String] = [
                i.subject, i.kind.rawValue, i.value, i.upper ?? "", i.unit, i.qualifier ?? "", i.period ?? "",
                i.status.rawValue,
                i.text,
                String(i.start), String(i.end), i.item.map(String.init) ?? "", String(i.confidence),
            ]
            out += csvRow(row) + "\r\n"
        }
        return out
    }

    /// Fields as one CSV row (no line ending).
    public static func csvRow(_ fields: [String]) -> String {
        fields.map(csvField).joined(separator: ",")
    }

    /// A JSON object from names and values already rendered as JSON (`quote(s)`, `"3"`, `"null"`).
    public static func jsonObject(_ fields: [(name: String, json: String)]) -> String {
        "{" + fields.map { quote($0.name) + ":" + $0.json }.joined(separator: ",") + "}"
    }

    /// A table for people: subject, kind, value with unit and qualifier, period, status.
    public static func table(_ indicators: [Indicator]) -> String {
        let header = ["subject", "kind", "value", "period", "status"]
        let rows = indicators.map { i -> [String] in
            let value =
                (i.qualifier.map {
                    ["近", "约", "逾", "超过", "突破", "超", "接近", "将近", "不足", "不到", "不低于", "不少于", "不超过", "不高于"].contains($0)
                        ? $0 : ""
                } ?? "")
                + i.value + (i.upper.map { "–" + $0 } ?? "") + " " + i.unit
                + (i.qualifier.map { ["以上", "以下", "以内", "左右", "上下", "余", "多", "有余"].contains($0) ? $0 : "" } ?? "")
            return [i.subject, i.kind.rawValue, value, i.period ?? "-", i.status.rawValue]
        }
        return alignedTable(header, rows, underline: true)
            + "\(indicators.count) indicator\(indicators.count == 1 ? "" : "s")\n"
    }

    /// Rows in columns padded for a terminal (CJK characters take two), the header first and,
    /// with `underline`, a row of dashes under it.
    public static func alignedTable(_ header: [String], _ rows: [[String]], underline: Bool = false) -> String {
        var widths = header.map(displayWidth)
        for row in rows {
            for (k, cell) in row.enumerated() {
                if k < widths.count {
                    widths[k] = max(widths[k], displayWidth(cell))
                } else {
                    widths.append(displayWidth(cell))
                }
            }
        }
        func render(_ row: [String]) -> String {
            row.enumerated().map { k, cell in cell + String(repeating: " ", count: widths[k] - displayWidth(cell)) }
                .joined(separator: "  ").trimmingTrailingSpaces
        }
        var out = render(header) + "\n"
        if underline { out += render(widths.map { String(repeating: "-", count: $0) }) + "\n" }
        for row in rows { out += render(row) + "\n" }
        return out
    }

    /// A JSON string literal for `s`.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 {
                    out += String(format: "\\u%04x", c.value)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    /// `s` as a CSV field, quoted when it must be.
    public static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Columns a string takes in a terminal: two for CJK and full-width characters.
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { width, c in
            let v = c.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return width + (wide ? 2 : 1)
        }
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
