import CLibXML2
import Foundation

/// Reads the paragraphs and tables of a .docx (a ZIP of WordprocessingML), in document order.
///
/// The archive is untrusted: its directory is checked against the file (``ZIPStructure``),
/// `word/document.xml` may inflate to at most ``maxXMLBytes``, counted while inflating (a ZIP bomb
/// stops at the cap, whatever its headers claim), and the XML parser never loads external entities
/// or touches the network.
enum DOCXReader {
    static let maxXMLBytes = 64 * 1024 * 1024

    static func read(_ bytes: [UInt8], limit: Int = maxXMLBytes) throws -> IntakeDocument {
        guard let entry = try ZIPStructure.entries(bytes).first(where: { $0.name == "word/document.xml" }) else {
            throw IntakeError.malformed("a ZIP archive without word/document.xml is not a .docx")
        }
        let xml: [UInt8]
        switch entry.method {
        case 0:
            guard entry.dataRange.count <= limit else {
                throw IntakeError.malformed(
                    "word/document.xml is larger than \(limit / 1024 / 1024) MB: not a bulletin")
            }
            xml = Array(bytes[entry.dataRange])
        case 8:
            xml = try Inflater.inflate(bytes[entry.dataRange], limit: limit)
        default:
            throw IntakeError.unsupportedFormat("a .docx compressed with ZIP method \(entry.method)")
        }
        return try paragraphs(ofXML: xml)
    }

    static func paragraphs(ofXML xml: [UInt8]) throws -> IntakeDocument {
        guard let doc = LibXML.read(xml, html: false) else {
            throw IntakeError.malformed("word/document.xml is not XML")
        }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return IntakeDocument(text: "", format: .docx) }
        var lines: [String] = []
        let body = HTMLTextExtractor.findFirst(DOMNode(pointer: root), named: "body") ?? DOMNode(pointer: root)
        for node in body.children where node.isElement {
            switch node.name {
            case "p":
                let text = paragraphText(node)
                if !text.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(text) }
            case "tbl":
                lines += TableReader.sentences(grid: grid(of: node), caption: nil)
            default:
                break
            }
        }
        return IntakeDocument(text: lines.joined(separator: "\n\n"), format: .docx)
    }

    /// The text of a paragraph: its runs' text, tabs and breaks as spaces; footnote references as a space.
    static func paragraphText(_ node: DOMNode) -> String {
        var out = ""
        func walk(_ n: DOMNode) {
            guard n.isElement else { return }
            switch n.name {
            case "t": out += n.textContent
            case "tab", "br", "cr": out += " "
            case "footnoteReference", "endnoteReference": out += " "
            case "vertAlign" where n.attribute("val") == "superscript": break
            default: for child in n.children { walk(child) }
            }
        }
        walk(node)
        return out
    }

    /// A table's cells, horizontal merges (gridSpan) spread and vertical merges (vMerge) carried down.
    static func grid(of table: DOMNode) -> [[String]] {
        var rows: [[String]] = []
        for tr in table.children where tr.isElement && tr.name == "tr" {
            var row: [String] = []
            for tc in tr.children where tc.isElement && tc.name == "tc" {
                let properties = DOMNode.firstChild(tc, named: "tcPr")
                let span =
                    properties.flatMap { DOMNode.firstChild($0, named: "gridSpan") }
                    .flatMap { Int($0.attribute("val") ?? "") }.map { max(1, min($0, 50)) } ?? 1
                let merge = properties.flatMap { DOMNode.firstChild($0, named: "vMerge") }
                var text = tc.children.filter { $0.isElement && $0.name == "p" }.map(paragraphText)
                    .joined(separator: " ").trimmingCharacters(in: .whitespaces)
                if let merge, merge.attribute("val") != "restart", let above = rows.last, row.count < above.count {
                    text = above[row.count]  // continues the cell above
                }
                for _ in 0..<span { row.append(text) }
            }
            if row.contains(where: { !$0.isEmpty }) { rows.append(row) }
        }
        return rows
    }
}
