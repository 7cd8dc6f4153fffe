import CLibXML2

/// Reads untrusted markup with libxml2: quietly, recovering from errors, never touching the network.
enum LibXML {
    /// The parsed document (free it with `xmlFreeDoc`), or nil when libxml2 cannot make one.
    static func read(_ bytes: [UInt8], html: Bool) -> xmlDocPtr? {
        bulletind_xml_silence()
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                let length = Int32(clamping: buffer.count)
                return html
                    ? htmlReadMemory(pointer, length, nil, "UTF-8", bulletind_html_options())
                    : xmlReadMemory(pointer, length, nil, "UTF-8", bulletind_xml_options())
            }
        }
    }
}
