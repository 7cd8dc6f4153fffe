/// What kind of network an IP address belongs to, for the rule that a redirect may not lead from
/// the public internet into a private network (a cloud metadata service, a router's admin page).
public enum AddressClass: Sendable, Equatable {
    case `public`
    case loopback
    case `private`
    case linkLocal
    case uniqueLocal
    case unspecified
    /// Not an IP address we could read.
    case unknown

    /// True for every class but ``public``.
    public var isInternal: Bool { self != .public }

    /// Classifies a numeric address as curl reports it ("93.184.216.34", "::1", "::ffff:10.0.0.1").
    ///
    /// ```swift
    /// AddressClass(address: "169.254.169.254")  // .linkLocal
    /// ```
    public init(address: String) {
        if let octets = Self.ipv4(address) {
            self = Self.classify(ipv4: octets)
        } else if let words = Self.ipv6(address) {
            self = Self.classify(ipv6: words)
        } else {
            self = .unknown
        }
    }

    private static func classify(ipv4 o: [UInt8]) -> AddressClass {
        switch (o[0], o[1]) {
        case (127, _): return .loopback
        case (10, _), (172, 16...31), (192, 168), (100, 64...127): return .private
        case (169, 254): return .linkLocal
        case (0, _): return .unspecified
        default: return o[0] >= 224 ? .private : .public  // multicast and reserved
        }
    }

    private static func classify(ipv6 w: [UInt16]) -> AddressClass {
        if w.dropLast().allSatisfy({ $0 == 0 }) {
            return w[7] == 1 ? .loopback : (w[7] == 0 ? .unspecified : .public)
        }
        if w[0...4].allSatisfy({ $0 == 0 }) && w[5] == 0xffff {  // IPv4-mapped
            let o = [UInt8(w[6] >> 8), UInt8(w[6] & 0xff), UInt8(w[7] >> 8), UInt8(w[7] & 0xff)]
            return classify(ipv4: o)
        }
        if w[0] & 0xfe00 == 0xfc00 { return .uniqueLocal }
        if w[0] & 0xffc0 == 0xfe80 { return .linkLocal }
        if w[0] & 0xff00 == 0xff00 { return .private }  // multicast
        return .public
    }

    private static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, let value = UInt8(part) else { return nil }
            octets.append(value)
        }
        return octets
    }

    private static func ipv6(_ raw: String) -> [UInt16]? {
        var text = Substring(raw)
        if text.hasPrefix("[") && text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if let zone = text.firstIndex(of: "%") { text = text[..<zone] }
        guard text.contains(":") else { return nil }
        let halves = text.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
        func words(_ part: Substring) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for piece in part.split(separator: ":", omittingEmptySubsequences: false) {
                if piece.contains("."), let v4 = ipv4(String(piece)) {
                    result += [UInt16(v4[0]) << 8 | UInt16(v4[1]), UInt16(v4[2]) << 8 | UInt16(v4[3])]
                } else if let value = UInt16(piece, radix: 16), piece.count <= 4 {
                    result.append(value)
                } else {
                    return nil
                }
            }
            return result
        }
        guard let head = words(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 8 ? head : nil }
        guard let tail = words(halves[1]), head.count + tail.count < 8 else { return nil }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }
}
