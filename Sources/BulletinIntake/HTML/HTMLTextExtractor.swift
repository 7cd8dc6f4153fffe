import CLibXML2
import Foundation

/// The readable text of an HTML page: the main content, chrome dropped, structure kept.
///
/// Inline elements join with no separator, so a number and its unit split over `<span>`s rejoin
/// (`实现增加值</span><span>185</span><span>亿元` → 实现增加值185亿元); blocks end a line; footnote
/// marks in `<sup>` become a space; tables become sentences the parser reads (see ``TableReader``).
enum HTMLTextExtractor {
    /// Elements whose content is never part of a bulletin.
    static let skippedTags: Set<String> = [
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select", "button",
        "svg", "head", "template", "object", "input", "textarea", "map", "menu",
    ]
    /// Class and id words of navigation and portal chrome.
    static let chromeWords = [
        "nav", "menu", "footer", "header", "breadcrumb", "crumb", "share", "sidebar", "banner", "copyright", "toolbar",
        "related", "comment", "login", "search", "topbar", "bottom", "foot", "subnav", "dh", "weizhi", "location",
    ]
    static let blockTags: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "section", "article",
        "blockquote", "pre", "dd", "dt", "dl", "hr", "center", "main", "figure", "figcaption", "caption", "address",
        "tbody", "thead", "tfoot", "td", "th",
    ]

    static func extract(html: String) throws -> IntakeDocument {
        let utf8 = Array(html.utf8)
        guard !utf8.isEmpty else { return IntakeDocument(text: "", format: .html) }
        guard let doc = LibXML.read(utf8, html: true) else {
            throw IntakeError.malformed("the HTML parser could not read the page")
        }
        defer { xmlFreeDoc(doc) }
        guard let rootPointer = xmlDocGetRootElement(doc) else { return IntakeDocument(text: "", format: .html) }
        let root = DOMNode(pointer: rootPointer)
        let title = findFirst(root, named: "title").map { collapse($0.textContent) }.flatMap { $0.isEmpty ? nil : $0 }
        let body = findFirst(root, named: "body") ?? root
        let content = mainContent(body)
        var writer = TextWriter()
        render(content, into: &writer)
        let published = publicationDate(in: collapse(body.textContent))
        return IntakeDocument(text: writer.finish(), format: .html, title: title, published: published)
    }

    static func findFirst(_ node: DOMNode, named name: String) -> DOMNode? {
        if node.isElement && node.name == name { return node }
        for child in node.children where child.isElement {
            if let found = findFirst(child, named: name) { return found }
        }
        return nil
    }

    static func isChrome(_ node: DOMNode) -> Bool {
        guard node.isElement else { return false }
        if skippedTags.contains(node.name) { return true }
        let marks = ((node.attribute("class") ?? "") + " " + (node.attribute("id") ?? "")).lowercased()
        guard !marks.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
        let words = marks.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return words.contains { word in chromeWords.contains { word == $0 || word.hasPrefix($0 + "_") } }
    }

    /// Counts ideographs below `node`, outside chrome and outside links (a list of links is navigation).
    static func hanCount(_ node: DOMNode) -> Int {
        if node.isText {
            return node.content.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x4E00 && $1.value <= 0x9FFF ? 1 : 0) }
        }
        guard node.isElement, !isChrome(node), node.name != "a" else { return 0 }  // links are navigation
        return node.children.reduce(0) { $0 + hanCount($1) }
    }

    /// Walks down while one child holds most of the text: the article, not the portal around it.
    static func mainContent(_ body: DOMNode) -> DOMNode {
        var current = body
        while true {
            let total = hanCount(current)
            guard total > 0 else { return current }
            let children = current.children.filter { $0.isElement && !isChrome($0) }
            guard let (best, count) = children.map({ ($0, hanCount($0)) }).max(by: { $0.1 < $1.1 }),
                count * 10 >= total * 7, best.name != "p", best.name != "table" || !TableReader.isDataTable(best)
            else { return current }
            current = best
        }
    }

    static func render(_ node: DOMNode, into writer: inout TextWriter) {
        if node.isText {
            writer.inline(node.content)
            return
        }
        guard node.isElement, !isChrome(node) else { return }
        let name = node.name
        if name == "table", TableReader.isDataTable(node) {
            writer.lineBreak()
            for line in TableReader.sentences(node) { writer.line(line) }
            return
        }
        if name == "sup" {
            let text = collapse(node.textContent)
            if text.range(of: #"^[\[【(（]?\d{1,3}[\]】)）]?$"#, options: .regularExpression) != nil {
                writer.mark()  // a footnote mark: a space, never nothing
                return
            }
        }
        let isBlock = blockTags.contains(name)
        if isBlock { writer.lineBreak() }
        for child in node.children { render(child, into: &writer) }
        if isBlock { writer.lineBreak() }
    }

    /// White space runs become one space; what is left at either end is trimmed.
    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// 发布时间/发布日期 followed by a date, as YYYY-MM-DD.
    static func publicationDate(in text: String) -> String? {
        let pattern = #"(发布时间|发布日期|时间|日期)\s*[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let y = Range(match.range(at: 2), in: text), let m = Range(match.range(at: 3), in: text),
            let d = Range(match.range(at: 4), in: text)
        else { return nil }
        return String(format: "%@-%02d-%02d", String(text[y]), Int(text[m]) ?? 1, Int(text[d]) ?? 1)
    }
}

/// Collects text with HTML's rules: inline text runs on, blocks start new lines.
struct TextWriter {
    private var lines: [String] = []
    private var current = ""

    mutating func inline(_ text: String) {
        var piece = ""
        var lastWasSpace = current.last == " " || current.isEmpty
        for c in text {
            if c.isWhitespace && c != "\u{A0}" && c != "\u{3000}" {
                if !lastWasSpace { piece.append(" ") }
                lastWasSpace = true
            } else {
                piece.append(c)
                lastWasSpace = false
            }
        }
        // white space between inline pieces of Chinese text is source formatting, not a word break
        if piece == " " { return }
        current += piece
    }

    /// A space that stands for something (a footnote mark), kept even between Chinese characters.
    mutating func mark() {
        if current.last != " " { current += " " }
    }

    mutating func lineBreak() {
        let trimmed = current.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty { lines.append(trimmed) }
        current = ""
    }

    mutating func line(_ text: String) {
        lineBreak()
        current = text
        lineBreak()
    }

    /// The lines, a blank line between blocks: each is a block of its own, never a wrapped line.
    mutating func finish() -> String {
        lineBreak()
        return lines.joined(separator: "\n\n")
    }
}
