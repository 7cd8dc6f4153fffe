/// What a server answered, with the body as received (decoded from gzip, deflate or br).
///
/// A response is only ever returned whole: a 2xx whose body arrived in full, or a 304.
public struct FetchResponse: Sendable {
    /// The HTTP status: 2xx, or 304 for a conditional GET whose document did not change.
    public var status: Int
    /// The URL asked for.
    public var url: String
    /// The URL the body came from, after redirects.
    public var finalURL: String
    /// The headers of the final response, in order, names as the server wrote them.
    public var headers: [(name: String, value: String)]
    /// The body; empty for a 304.
    public var body: [UInt8]
    /// Redirects followed.
    public var redirects: Int
    /// "1.1", "2" …
    public var httpVersion: String
    /// How long each phase took.
    public var timings: FetchTimings

    /// True for a 304: the stored copy is still current.
    public var isNotModified: Bool { status == 304 }

    /// The first header of that name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) }?.value
    }

    /// The media type without parameters, lowercased ("text/html").
    public var contentType: String? {
        header("Content-Type").map { MediaType(parsing: $0).type }
    }

    /// The charset parameter of Content-Type, as sent ("GBK").
    public var charset: String? {
        header("Content-Type").flatMap { MediaType(parsing: $0).charset }
    }

    /// The server's validators, to send back on the next fetch.
    public var validators: Validators {
        Validators(etag: header("ETag"), lastModified: header("Last-Modified"))
    }
}

/// Phase times of one transfer, from its start.
public struct FetchTimings: Sendable, Equatable {
    public var nameLookup: Duration
    public var connect: Duration
    public var tlsHandshake: Duration
    public var firstByte: Duration
    public var total: Duration
}

/// A Content-Type value taken apart.
struct MediaType {
    var type: String
    var charset: String?

    init(parsing value: String) {
        let parts = value.split(separator: ";").map { $0.trimmingSpaces() }
        type = (parts.first ?? "").lowercased()
        charset = nil
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
            if pair.count == 2, pair[0].lowercased() == "charset" {
                charset = pair[1].trimmingCharacters(in: "\"'")
            }
        }
    }
}

extension StringProtocol {
    func caseInsensitiveCompare(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }

    func trimmingSpaces() -> String {
        trimmingCharacters(in: " \t\r\n")
    }

    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
