/// Why a fetch failed, classified for the scheduler: try again later, or not until someone acts.
///
/// ```swift
/// do { _ = try await fetcher.fetch(request) } catch let error as FetchError where error.isTransient {
///     schedule(after: error.retryAfter ?? backoff)
/// }
/// ```
public struct FetchError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Equatable {
        /// Too slow, no answer, or over the total time.
        case timeout
        /// The host name did not resolve.
        case nameResolution
        /// Connection refused or unreachable.
        case connect
        /// The connection broke or the body was cut short.
        case network
        /// The server answered with an error status.
        case status(Int)
        /// TLS handshake or certificate verification failed.
        case tls
        /// A scheme we do not fetch (or file:// not allowed for this source).
        case refusedScheme
        /// The body is larger than the limit.
        case tooLarge
        /// More redirects than the limit.
        case tooManyRedirects
        /// A redirect from a public address to an internal one.
        case blockedAddress
        /// The URL cannot be read.
        case invalidURL
        /// The body's encoding is damaged.
        case badEncoding
        /// The server refused our credentials (SMTP AUTH).
        case authentication
        /// The fetch was cancelled or the fetcher shut down.
        case cancelled
        /// Anything else curl reported.
        case other
    }

    /// What went wrong.
    public var reason: Reason
    /// A line a person understands, with curl's own message where it has one.
    public var message: String
    /// The URL asked for.
    public var url: String
    /// How long the server asked us to wait (Retry-After), if it did.
    public var retryAfter: Duration?

    /// Creates an error.
    public init(_ reason: Reason, _ message: String, url: String, retryAfter: Duration? = nil) {
        self.reason = reason
        self.message = message
        self.url = url
        self.retryAfter = retryAfter
    }

    /// True when trying again later may succeed: timeouts, network faults, 5xx, 408, 429.
    public var isTransient: Bool {
        switch reason {
        case .timeout, .nameResolution, .connect, .network, .cancelled, .other: return true
        case .status(let code): return code >= 500 || code == 408 || code == 429
        case .tls, .refusedScheme, .tooLarge, .tooManyRedirects, .blockedAddress, .invalidURL, .badEncoding,
            .authentication:
            return false
        }
    }

    /// "transient" or "permanent".
    public var classification: String { isTransient ? "transient" : "permanent" }

    public var description: String { "\(url): \(message)" }
}
