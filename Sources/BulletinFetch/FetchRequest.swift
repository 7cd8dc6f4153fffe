/// One document to fetch, with the limits that keep a bad server from hurting us.
///
/// ```swift
/// var request = FetchRequest(url: "https://www.tongliao.gov.cn/zfgzbg/2024.html")
/// request.validators = Validators(etag: stored.etag, lastModified: stored.lastModified)
/// let response = try await fetcher.fetch(request)
/// if response.isNotModified { return }
/// ```
public struct FetchRequest: Sendable {
    /// The address to fetch: http or https (file only with ``allowFile``).
    public var url: String
    /// Extra request headers, sent as given ("Accept-Language: zh-CN").
    public var headers: [String]
    /// A body to POST (with a Content-Type among ``headers``); nil for a GET.
    public var body: [UInt8]?
    /// The User-Agent header.
    public var userAgent: String
    /// Validators from the last fetch, for a conditional GET.
    public var validators: Validators
    /// Time and size limits.
    public var limits: FetchLimits
    /// Allows file:// for this request (never through a redirect).
    public var allowFile: Bool
    /// A proxy ("http://proxy:3128"); nil uses the environment (http_proxy, https_proxy, no_proxy).
    public var proxy: String?
    /// A CA bundle to trust instead of the system's.
    public var caBundle: String?
    /// How an address is classified for the redirect rule; tests stand in their own.
    package var classifyAddress: @Sendable (String) -> AddressClass

    /// The default user agent.
    public static let defaultUserAgent = "bulletind/0.1 (+https://github.com/bulletind/bulletind)"

    /// A GET of `url` with the default limits.
    public init(url: String) {
        self.url = url
        self.headers = []
        self.body = nil
        self.userAgent = Self.defaultUserAgent
        self.validators = Validators()
        self.limits = FetchLimits()
        self.allowFile = false
        self.proxy = nil
        self.caBundle = nil
        self.classifyAddress = { AddressClass(address: $0) }
    }
}

/// The server's own validators from an earlier response, sent back for a conditional GET.
public struct Validators: Sendable, Equatable, Codable {
    /// Sent as If-None-Match.
    public var etag: String?
    /// Sent as If-Modified-Since, exactly as the server wrote it.
    public var lastModified: String?

    /// Validators as the server sent them; nil where it sent none.
    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// True when neither is set (the fetch is unconditional).
    public var isEmpty: Bool { etag == nil && lastModified == nil }
}

/// Limits on one transfer. All are on by default.
public struct FetchLimits: Sendable, Equatable {
    /// Time allowed to connect (and finish the TLS handshake).
    public var connectTimeout: Duration = .seconds(10)
    /// Time allowed for the whole transfer, redirects included.
    public var totalTimeout: Duration = .seconds(60)
    /// A transfer slower than this many bytes a second for ``lowSpeedTime`` is aborted.
    public var lowSpeedBytesPerSecond: Int = 100
    /// See ``lowSpeedBytesPerSecond``.
    public var lowSpeedTime: Duration = .seconds(20)
    /// The largest body accepted, counted after decoding (gzip, deflate, br).
    public var maxBytes: Int = 20 << 20
    /// The most redirects followed.
    public var maxRedirects: Int = 5
    /// The most bytes of response headers accepted.
    public var maxHeaderBytes: Int = 256 << 10

    /// The defaults: 10 s to connect, 60 s in all, under 100 B/s for 20 s aborts, 20 MB, 5 redirects.
    public init() {}
}

extension Duration {
    /// Whole milliseconds, at least 1 (curl reads 0 as "no limit").
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
