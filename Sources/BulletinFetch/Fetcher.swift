/// An HTTP client on libcurl for bulletins: many transfers at once over one curl multi handle,
/// with connection reuse, a global and a per-host limit, and hard limits on every transfer.
///
/// ```swift
/// let fetcher = try Fetcher(maxConcurrent: 8, maxPerHost: 2)
/// let response = try await fetcher.fetch(FetchRequest(url: "https://www.stats.gov.cn/sj/zxfb/"))
/// print(response.status, response.charset ?? "-", response.body.count)
/// ```
///
/// Errors are ``FetchError``s. Cancelling the calling task cancels the transfer.
public final class Fetcher: Sendable {
    private let loop: TransferLoop

    /// Starts the transfer thread.
    /// - Parameters:
    ///   - maxConcurrent: transfers running at once, in all.
    ///   - maxPerHost: transfers running at once against one host (politeness).
    public init(maxConcurrent: Int = 8, maxPerHost: Int = 2) throws(FetchError) {
        loop = try TransferLoop(maxConcurrent: maxConcurrent, maxPerHost: maxPerHost)
    }

    deinit {
        loop.shutdown()
    }

    /// Fetches one document. Returns only a whole 2xx response or a 304; throws ``FetchError`` otherwise.
    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        let transfer = try Transfer(id: loop.makeID(), request: request)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.attach(continuation)
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer.id)
        }
    }

    /// Stops the transfer thread; running and waiting fetches fail as cancelled.
    public func shutdown() {
        loop.shutdown()
    }
}
