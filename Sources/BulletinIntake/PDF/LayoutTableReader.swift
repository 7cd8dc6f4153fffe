import Foundation

/// Reads statistical tables out of `pdftotext -layout` text, where a table is rows of aligned tokens.
///
/// A row is a label, perhaps a unit, then figures ("粮食   万吨   201.0   3.6"). The lines between
/// the caption (表1 …) and the first row name the columns, read in order; when they name as many
/// columns as the rows hold, the rows become sentences through ``TableReader``.
enum LayoutTableReader {
    static func sentences(_ layoutText: String) -> [String] {
        let lines = layoutText.components(separatedBy: "\n")
        var result: [String] = []
        var i = 0
        while i < lines.count {
            guard let caption = captionIndex(lines, from: i) else { break }
            var j = caption + 1
            var headerTokens: [String] = []
            while j < lines.count, j - caption <= 6, !isDataRow(tokens(lines[j])) {
                headerTokens += tokens(lines[j]).filter { !isYearToken($0) }
                j += 1
            }
            var rows: [[String]] = []
            while j < lines.count {
                let t = tokens(lines[j])
                if t.isEmpty {
                    j += 1
                    if rows.isEmpty { continue }
                    if j < lines.count, isDataRow(tokens(lines[j])) { continue }
                    break
                }
                guard isDataRow(t) else { break }
                rows.append(t)
                j += 1
            }
            if let width = rows.first?.count, rows.allSatisfy({ $0.count == width }), headerTokens.count == width {
                let captionText = lines[caption].split(whereSeparator: \.isWhitespace).joined(separator: " ")
                result += TableReader.sentences(grid: [headerTokens] + rows, caption: captionText)
            }
            i = max(j, caption + 1)
        }
        return result
    }

    static func tokens(_ line: String) -> [String] {
        line.split(whereSeparator: \.isWhitespace).map(String.init)
    }

    static func isYearToken(_ token: String) -> Bool {
        token.range(of: #"^\d{4}年?$|^年$"#, options: .regularExpression) != nil
    }

    /// A label first, and figures after it.
    static func isDataRow(_ t: [String]) -> Bool {
        guard t.count >= 2, !TableReader.isFigure(t[0]) else { return false }
        return t.dropFirst().contains(where: TableReader.isFigure)
            && t.dropFirst().allSatisfy { TableReader.isFigure($0) || $0.count <= 6 }
    }

    static func captionIndex(_ lines: [String], from start: Int) -> Int? {
        for k in start..<lines.count {
            let line = lines[k].trimmingCharacters(in: .whitespaces)
            if line.range(of: #"^(附)?表\s*\d{1,2}\b"#, options: .regularExpression) != nil { return k }
        }
        return nil
    }
}
