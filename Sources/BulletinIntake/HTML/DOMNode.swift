import CLibXML2

/// A thin, read-only view of a libxml2 node.
struct DOMNode {
    let pointer: xmlNodePtr

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// The lower-case tag name of an element.
    var name: String {
        guard let n = pointer.pointee.name else { return "" }
        return String(cString: n).lowercased()
    }

    /// The node's own content (text nodes).
    var content: String {
        guard let c = pointer.pointee.content else { return "" }
        return String(cString: c)
    }

    var children: [DOMNode] {
        var result: [DOMNode] = []
        var child = pointer.pointee.children
        while let c = child {
            result.append(DOMNode(pointer: c))
            child = c.pointee.next
        }
        return result
    }

    func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { bulletind_xml_free(value) }
        return String(cString: value)
    }

    /// All the text below the node, as libxml2 joins it.
    var textContent: String {
        guard let value = xmlNodeGetContent(pointer) else { return "" }
        defer { bulletind_xml_free(value) }
        return String(cString: value)
    }
}
