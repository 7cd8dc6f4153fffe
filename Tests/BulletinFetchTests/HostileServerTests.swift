import TestServers
import XCTest

@testable import BulletinFetch

/// The hostile matrix: each misbehaviour ends in bounded time with the right error class, and
/// nothing partial comes back as a success.
final class HostileServerTests: XCTestCase {
    private static let server = try! HostileServer()
    private var server: HostileServer { Self.server }

    /// Tight limits so the slow cases end in seconds.
    private func request(_ path: String, _ adjust: (inout FetchRequest) -> Void = { _ in }) -> FetchRequest {
        var request = FetchRequest(url: server.base + path)
        request.limits.totalTimeout = .seconds(4)
        request.limits.connectTimeout = .seconds(2)
        request.limits.lowSpeedBytesPerSecond = 100
        request.limits.lowSpeedTime = .seconds(2)
        request.limits.maxBytes = 1 << 20
        adjust(&request)
        return request
    }

    /// Fetches and expects a failure, returning it with the time taken.
    private func failure(
        _ path: String, file: StaticString = #filePath, line: UInt = #line,
        _ adjust: (inout FetchRequest) -> Void = { _ in }
    ) async throws -> (FetchError, Duration) {
        let fetcher = try Fetcher()
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await fetcher.fetch(request(path, adjust))
            XCTFail("\(path) returned \(response.status) with \(response.body.count) bytes", file: file, line: line)
            throw CancellationError()
        } catch let error as FetchError {
            return (error, clock.now - start)
        }
    }

    func testFetch_whenBodyTricklesOneByteASecond_abortsAsTransientTimeout() async throws {
        let (error, elapsed) = try await failure("/trickle")
        XCTAssertEqual(error.reason, .timeout)
        XCTAssertTrue(error.isTransient)
        XCTAssertLessThan(elapsed, .seconds(6))
    }

    func testFetch_whenServerNeverAnswers_timesOutWithinTheTotalTimeout() async throws {
        let (error, elapsed) = try await failure("/silent")
        XCTAssertEqual(error.reason, .timeout)
        XCTAssertTrue(error.isTransient)
        XCTAssertLessThan(elapsed, .seconds(6))
    }

    func testFetch_whenChunkedBodyNeverEnds_failsWithTooLarge() async throws {
        let (error, elapsed) = try await failure("/endless-chunked")
        XCTAssertEqual(error.reason, .tooLarge)
        XCTAssertFalse(error.isTransient)
        XCTAssertLessThan(elapsed, .seconds(4))
    }

    func testFetch_whenContentLengthIs10GiB_refusesBeforeTheBody() async throws {
        let (error, elapsed) = try await failure("/huge-length")
        XCTAssertEqual(error.reason, .tooLarge)
        XCTAssertTrue(error.message.contains("Content-Length 10737418240"), error.message)
        XCTAssertLessThan(elapsed, .seconds(2))
    }

    func testFetch_whenGzipBombInflatesPastTheCap_failsWithTooLarge() async throws {
        XCTAssertLessThan(HostileServer.bomb.count, 1 << 20, "the compressed bomb itself is under the cap")
        let (error, _) = try await failure("/gzip-bomb")
        XCTAssertEqual(error.reason, .tooLarge)
        XCTAssertTrue(error.message.contains("after decoding"), error.message)
    }

    func testFetch_whenRedirectsLoop_failsAfterFiveWithTooManyRedirects() async throws {
        let (error, _) = try await failure("/loop")
        XCTAssertEqual(error.reason, .tooManyRedirects)
        XCTAssertFalse(error.isTransient)
    }

    func testFetch_followsFiveRedirectsButNotSix() async throws {
        let fetcher = try Fetcher()
        let response = try await fetcher.fetch(request("/hops/5"))
        XCTAssertEqual(response.redirects, 5)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "arrived")
        XCTAssertTrue(response.finalURL.hasSuffix("/hops/0"))
        let (error, _) = try await failure("/hops/6")
        XCTAssertEqual(error.reason, .tooManyRedirects)
    }

    func testFetch_whenRedirectedToFile_refusesTheScheme() async throws {
        let (error, _) = try await failure("/to-file") { $0.allowFile = true }
        XCTAssertEqual(error.reason, .refusedScheme)
        XCTAssertFalse(error.isTransient)
    }

    func testFetch_whenRedirectedToGopher_refusesTheScheme() async throws {
        let (error, _) = try await failure("/to-gopher")
        XCTAssertEqual(error.reason, .refusedScheme)
    }

    func testFetch_whenPublicAddressRedirectsToInternalOne_blocksIt() async throws {
        try XCTSkipIf(!canConnect(to: server.internalBase), "127.0.0.2 is not reachable here")
        let reachedInternal = {
            self.server.requests.filter { $0.hasPrefix("GET /ok") && $0.contains("127.0.0.2") }.count
        }
        let before = reachedInternal()
        let (error, _) = try await failure("/to-internal") { request in
            // Stand 127.0.0.1 in for a public address; 127.0.0.2 stays loopback.
            request.classifyAddress = { $0 == "127.0.0.1" ? .public : AddressClass(address: $0) }
        }
        XCTAssertEqual(error.reason, .blockedAddress)
        XCTAssertTrue(error.message.contains("127.0.0.2"), error.message)
        XCTAssertEqual(reachedInternal(), before, "no request reached the internal address")
    }

    func testFetch_whenInternalAddressRedirectsToInternalOne_follows() async throws {
        try XCTSkipIf(!canConnect(to: server.internalBase), "127.0.0.2 is not reachable here")
        let response = try await Fetcher().fetch(request("/to-internal"))
        XCTAssertEqual(response.status, 200)
    }

    func testFetch_when503WithRetryAfterSeconds_isTransientWithThatDelay() async throws {
        let (error, _) = try await failure("/unavailable")
        XCTAssertEqual(error.reason, .status(503))
        XCTAssertTrue(error.isTransient)
        XCTAssertEqual(error.retryAfter, .seconds(120))
    }

    func testFetch_when503WithRetryAfterDate_isTransientWithTheDelayUntilThen() async throws {
        let (error, _) = try await failure("/unavailable-date")
        let delay = try XCTUnwrap(error.retryAfter)
        XCTAssertGreaterThan(delay, .seconds(80))
        XCTAssertLessThanOrEqual(delay, .seconds(91))
    }

    func testFetch_when429_isTransient_and404IsPermanent_and500IsTransient() async throws {
        let (tooMany, _) = try await failure("/too-many")
        XCTAssertTrue(tooMany.isTransient)
        XCTAssertEqual(tooMany.retryAfter, .seconds(7))
        let (missing, _) = try await failure("/missing")
        XCTAssertEqual(missing.reason, .status(404))
        XCTAssertFalse(missing.isTransient)
        let (broken, _) = try await failure("/broken")
        XCTAssertTrue(broken.isTransient)
    }

    func testFetch_whenConnectionResetsMidBody_failsAsTransientNetworkError() async throws {
        let (error, _) = try await failure("/reset")
        XCTAssertEqual(error.reason, .network)
        XCTAssertTrue(error.isTransient)
    }

    func testFetch_whenBodyIsShorterThanContentLength_failsRatherThanReturnPartial() async throws {
        let (error, _) = try await failure("/short")
        XCTAssertEqual(error.reason, .network)
    }

    func testFetch_whenChunkedEncodingIsTruncated_failsAsTransientNetworkError() async throws {
        let (error, _) = try await failure("/truncated-chunked")
        XCTAssertEqual(error.reason, .network)
        XCTAssertTrue(error.isTransient)
    }

    func testFetch_whenHeadersNeverEnd_failsWithTooLarge() async throws {
        let (error, _) = try await failure("/endless-headers")
        XCTAssertEqual(error.reason, .tooLarge)
    }

    func testFetch_whenRedirectBodyNeverEnds_stillEndsInBoundedTime() async throws {
        let fetcher = try Fetcher()
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await fetcher.fetch(request("/redirect-endless-body"))
            XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "<p>hello</p>")
        } catch let error as FetchError {
            XCTAssertEqual(error.reason, .tooLarge)
        }
        XCTAssertLessThan(clock.now - start, .seconds(5))
    }

    func testFetch_sendsStoredValidators_andTreats304AsAResult() async throws {
        let fetcher = try Fetcher()
        let first = try await fetcher.fetch(request("/conditional"))
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.validators, Validators(etag: HostileServer.etag, lastModified: HostileServer.lastModified))
        let second = try await fetcher.fetch(request("/conditional") { $0.validators = first.validators })
        XCTAssertTrue(second.isNotModified)
        XCTAssertTrue(second.body.isEmpty)
        let byDate = try await fetcher.fetch(
            request("/conditional") { $0.validators = Validators(lastModified: HostileServer.lastModified) })
        XCTAssertEqual(byDate.status, 304)
    }

    func testFetch_whenPageIsGBK_returnsTheBytesAndTheDeclaredCharset() async throws {
        let response = try await Fetcher().fetch(request("/gbk"))
        XCTAssertEqual(response.body, HostileServer.gbkSentence)
        XCTAssertEqual(response.charset, "GBK")
        XCTAssertEqual(response.contentType, "text/html")
    }

    func testFetch_sendsCustomHeadersAndUserAgent() async throws {
        let response = try await Fetcher().fetch(
            request("/echo-headers") {
                $0.headers = ["Accept-Language: zh-CN"]
                $0.userAgent = "test-agent/1"
            })
        let echoed = String(decoding: response.body, as: UTF8.self)
        XCTAssertTrue(echoed.contains("accept-language: zh-CN"), echoed)
        XCTAssertTrue(echoed.contains("user-agent: test-agent/1"), echoed)
        XCTAssertTrue(echoed.contains("accept-encoding:"), "decoders are offered: \(echoed)")
    }

    func testFetch_whenFileURLNotAllowed_refusesIt() async throws {
        let fetcher = try Fetcher()
        do {
            _ = try await fetcher.fetch(FetchRequest(url: "file:///etc/hostname"))
            XCTFail("file:// fetched without allow_file")
        } catch let error as FetchError {
            XCTAssertEqual(error.reason, .refusedScheme)
        }
        var allowed = FetchRequest(url: "file:///etc/hostname")
        allowed.allowFile = true
        let response = try await fetcher.fetch(allowed)
        XCTAssertFalse(response.body.isEmpty)
    }

    private func canConnect(to base: String) -> Bool {
        !base.isEmpty && server.port != 0 && (try? HostileServer.probe(base)) == true
    }
}
