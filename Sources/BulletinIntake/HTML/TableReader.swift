import CLibXML2
import Foundation

/// Turns a statistical table into sentences the parser reads the way it reads prose.
///
/// "表1 主要农产品产量及其增长速度" with columns 产品名称 | 单位 | 产量 | 比上年增长(%) and a row
/// 粮食 | 万吨 | 38.6 | 2.1 becomes "粮食产量38.6万吨,比上年增长2.1%。". Header rows (those without
/// figures) name the columns; merged cells are spread over the cells they cover; a multi-row
/// header joins its rows top to bottom.
enum TableReader {
    /// What a column holds.
    enum Role: Equatable {
        case subject
        case unit
        /// An amount, with the measure its header names (产量, 金额) and a unit the header may give.
        case level(measure: String, unit: String?)
        case growth
        case points
        case share
        case ignored
    }

    /// Whether a table holds statistics rather than page layout: rows of several short cells, some
    /// of them figures. Portals that lay pages out with tables put whole articles in one cell.
    static func isDataTable(_ table: DOMNode) -> Bool {
        let grid = grid(of: table)
        let cells = grid.flatMap { $0 }.filter { !$0.isEmpty }
        guard grid.count >= 2, (grid.map(\.count).max() ?? 0) >= 2, !cells.isEmpty else { return false }
        let averageLength = cells.reduce(0) { $0 + $1.count } / cells.count
        return averageLength <= 40 && cells.contains(where: isFigure)
    }

    static func sentences(_ table: DOMNode) -> [String] {
        let caption = DOMNode.firstChild(table, named: "caption").map { HTMLTextExtractor.collapse($0.textContent) }
        return sentences(grid: grid(of: table), caption: caption)
    }

    /// Sentences for a grid of cells (merged cells already spread), with the table's caption first.
    static func sentences(grid: [[String]], caption: String?) -> [String] {
        guard grid.count >= 2 else { return grid.map { $0.joined(separator: " ") } }
        let headerCount = grid.prefix { row in !row.dropFirst().contains(where: isFigure) }.count
        guard headerCount >= 1, headerCount < grid.count else {
            return grid.map { $0.filter { !$0.isEmpty }.joined(separator: " ") }
        }
        let width = grid.map(\.count).max() ?? 0
        let headers = (0..<width).map { column in
            grid.prefix(headerCount).map { column < $0.count ? $0[column] : "" }
                .reduce(into: [String]()) { parts, cell in if parts.last != cell { parts.append(cell) } }
                .joined()
        }
        let roles = headers.enumerated().map { index, header in role(of: header, column: index) }
        var lines: [String] = []
        if let caption, !caption.isEmpty { lines.append(caption) }
        for row in grid.dropFirst(headerCount) {
            if let sentence = sentence(row, roles: roles) { lines.append(sentence) }
        }
        return lines
    }

    /// The cells of a table, merged cells spread over every position they cover.
    static func grid(of table: DOMNode) -> [[String]] {
        var rows: [[String]] = []
        var pending: [Int: (text: String, left: Int)] = [:]  // column → rowspan still to fill
        for tr in DOMNode.descendants(table, named: "tr") {
            var row: [String] = []
            var column = 0
            func fillPending() {
                while let carried = pending[column], carried.left > 0 {
                    row.append(carried.text)
                    pending[column] = carried.left > 1 ? (carried.text, carried.left - 1) : nil
                    column += 1
                }
            }
            for cell in tr.children where cell.isElement && (cell.name == "td" || cell.name == "th") {
                fillPending()
                let text = HTMLTextExtractor.collapse(cell.textContent)
                let colspan = max(1, min(50, Int(cell.attribute("colspan") ?? "") ?? 1))
                let rowspan = max(1, min(500, Int(cell.attribute("rowspan") ?? "") ?? 1))
                for _ in 0..<colspan {
                    row.append(text)
                    if rowspan > 1 { pending[column] = (text, rowspan - 1) }
                    column += 1
                }
            }
            fillPending()
            if row.contains(where: { !$0.isEmpty }) { rows.append(row) }
        }
        return rows
    }

    static func isFigure(_ cell: String) -> Bool {
        let t = cell.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        return !t.isEmpty && Double(t) != nil
    }

    static func role(of header: String, column: Int) -> Role {
        let h = header.replacingOccurrences(of: " ", with: "")
        if column == 0 { return .subject }
        if h.contains("单位") || h == "计量单位" { return .unit }
        if h.contains("百分点") { return .points }
        if h.contains("增长") || h.contains("增速") || h.contains("增减") || h.contains("增幅") || h.contains("比上年")
            || h.contains("同比")
        {
            return .growth
        }
        if h.contains("比重") || h.contains("占") || h.contains("构成") || h.contains("比例") { return .share }
        if h.isEmpty { return .ignored }
        // "产量(万吨)": the measure and the unit the header gives
        var measure = h
        var unit: String? = nil
        if let open = h.firstIndex(where: { $0 == "(" || $0 == "（" }),
            let close = h.lastIndex(where: { $0 == ")" || $0 == "）" }), open < close
        {
            unit = String(h[h.index(after: open)..<close])
            measure = String(h[..<open])
        }
        // "2023年产量": the year is the table's context (its caption says it), not the measure's name
        if let year = measure.range(of: #"^\d{4}年(末|底)?"#, options: .regularExpression) {
            measure.removeSubrange(year)
        }
        let generic: Set<String> = ["绝对数", "数值", "指标值", "本年", "全年", "年末数", "数量", "总量", "合计", "全年数", "实际"]
        if generic.contains(measure) || measure.allSatisfy({ $0.isNumber || $0 == "年" }) { measure = "" }
        return .level(measure: measure, unit: unit)
    }

    static func sentence(_ row: [String], roles: [Role]) -> String? {
        guard var subject = row.first?.replacingOccurrences(of: " ", with: ""), !subject.isEmpty else { return nil }
        for lead in ["其中:", "其中：", "#", "其中"] where subject.hasPrefix(lead) && subject.count > lead.count {
            subject.removeFirst(lead.count)
        }
        let unit = zip(roles, row).first { $0.0 == .unit }?.1 ?? ""
        var clauses: [String] = []
        for (index, role) in roles.enumerated() where index < row.count && isFigure(row[index]) {
            let value = row[index].replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
            switch role {
            case .level(let measure, let headerUnit):
                clauses.append(subject + measure + value + (headerUnit ?? unit))
            case .growth: clauses.append((clauses.isEmpty ? subject : "") + "比上年增长" + value + "%")
            case .points: clauses.append((clauses.isEmpty ? subject : "") + "比上年提高" + value + "个百分点")
            case .share: clauses.append(subject + "占比" + value + "%")
            case .subject, .unit, .ignored: break
            }
        }
        return clauses.isEmpty ? nil : clauses.joined(separator: ",") + "。"
    }
}

extension DOMNode {
    static func firstChild(_ node: DOMNode, named name: String) -> DOMNode? {
        node.children.first { $0.isElement && $0.name == name }
    }

    /// Elements named `name` below `node`, in document order, not descending into nested tables.
    static func descendants(_ node: DOMNode, named name: String) -> [DOMNode] {
        var result: [DOMNode] = []
        for child in node.children where child.isElement {
            if child.name == name {
                result.append(child)
            } else if child.name != "table" {
                result += descendants(child, named: name)
            }
        }
        return result
    }
}
