import CLibXML2
import Foundation

/// A link on a listing page or in a feed: where it goes and what it says.
public struct Link: Sendable, Equatable {
    /// Absolute, resolved against the page's URL.
    public var url: String
    /// The link text (or the feed item's title), spaces collapsed.
    public var text: String

    public init(url: String, text: String) {
        self.url = url
        self.text = text
    }
}

extension Intake {
    /// The links of a listing page (every `<a href>`) or of an RSS or Atom feed (each item's link
    /// and title), in document order, resolved against `base`, without repeats. Any charset.
    ///
    /// ```swift
    /// let links = try Intake.links(in: bytes, contentType: "text/html; charset=gbk", base: listingURL)
    /// let reports = links.filter { $0.text.contains("政府工作报告") }
    /// ```
    public static func links(in bytes: [UInt8], contentType: String? = nil, base: String) throws -> [Link] {
        let decision = CharsetDetector.detect(bytes, headerCharset: headerCharset(contentType), override: nil)
        let (text, _) = try TextDecoder.decode(Array(bytes[decision.skip...]), as: decision.charset)
        let head = text.prefix(2048).lowercased()
        let isFeed = head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")
        var utf8 = Array(text.utf8)
        if isFeed, let end = utf8.firstRange(of: Array("?>".utf8)), head.hasPrefix("<?xml") {
            // The declaration's encoding no longer holds: the text is UTF-8 now.
            utf8.removeSubrange(..<end.upperBound)
        }
        guard let doc = LibXML.read(utf8, html: !isFeed) else {
            throw IntakeError.malformed("the \(isFeed ? "feed" : "page") cannot be read")
        }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return [] }
        let baseURL = URL(string: base)
        var found: [Link] = []
        var seen: Set<String> = []
        func add(_ href: String, _ label: String) {
            let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
            let lowered = trimmed.lowercased()
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !lowered.hasPrefix("javascript:"),
                !lowered.hasPrefix("mailto:"),
                let resolved = URL(string: trimmed, relativeTo: baseURL)?.absoluteURL,
                let scheme = resolved.scheme?.lowercased(), scheme == "http" || scheme == "https"
            else { return }
            var url = resolved.absoluteString
            if let hash = url.firstIndex(of: "#") { url = String(url[..<hash]) }
            guard seen.insert(url).inserted else { return }
            found.append(Link(url: url, text: HTMLTextExtractor.collapse(label)))
        }
        if isFeed {
            walk(DOMNode(pointer: root)) { node in
                guard node.name == "item" || node.name == "entry" else { return true }
                let title = node.children.first { $0.name == "title" }?.textContent ?? ""
                let links = node.children.filter { $0.name == "link" }
                let href =
                    links.first { ($0.attribute("rel") ?? "alternate") == "alternate" && $0.attribute("href") != nil }?
                    .attribute("href") ?? links.first?.textContent ?? ""
                add(href, title)
                return false
            }
        } else {
            walk(DOMNode(pointer: root)) { node in
                guard node.name == "a", let href = node.attribute("href") else { return true }
                let label = node.textContent
                add(
                    href,
                    label.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                        ? (node.attribute("title") ?? "") : label)
                return false
            }
        }
        return found
    }

    /// Visits elements depth first; `visit` returns whether to descend.
    private static func walk(_ node: DOMNode, _ visit: (DOMNode) -> Bool) {
        guard node.isElement else { return }
        guard visit(node) else { return }
        for child in node.children { walk(child, visit) }
    }
}
