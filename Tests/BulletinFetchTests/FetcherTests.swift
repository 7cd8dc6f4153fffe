import TestServers
import XCTest

@testable import BulletinFetch

/// Concurrency limits, cancellation and the shutdown path.
final class FetcherTests: XCTestCase {
    private static let server = try! HostileServer()
    private var server: HostileServer { Self.server }

    private static func hold(_ fetcher: Fetcher, _ base: String, times: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<times {
                group.addTask { _ = try await fetcher.fetch(FetchRequest(url: base + "/hold")) }
            }
            try await group.waitForAll()
        }
    }

    func testFetch_neverRunsMoreThanThePerHostLimitAgainstOneHost() async throws {
        server.resetPeaks()
        let fetcher = try Fetcher(maxConcurrent: 8, maxPerHost: 2)
        let clock = ContinuousClock()
        let start = clock.now
        try await Self.hold(fetcher, server.base, times: 8)
        XCTAssertEqual(server.peakInFlight(host: "127.0.0.1:\(server.port)"), 2)
        // Four rounds of 200 ms: a waiting transfer starts as soon as one ends, not at the next poll.
        XCTAssertLessThan(clock.now - start, .milliseconds(1300))
    }

    func testFetch_runsOtherHostsWhileOneIsAtItsLimit() async throws {
        try XCTSkipIf((try? HostileServer.probe(server.internalBase)) != true, "127.0.0.2 is not reachable")
        server.resetPeaks()
        let fetcher = try Fetcher(maxConcurrent: 8, maxPerHost: 2)
        let clock = ContinuousClock()
        let start = clock.now
        let (publicBase, internalBase) = (server.base, server.internalBase)
        async let first: Void = Self.hold(fetcher, publicBase, times: 4)
        async let second: Void = Self.hold(fetcher, internalBase, times: 4)
        _ = try await (first, second)
        XCTAssertEqual(server.peakInFlight(host: "127.0.0.2:\(server.port)"), 2)
        // Two rounds of 200 ms for each host, side by side: well under the 800 ms of one queue.
        XCTAssertLessThan(clock.now - start, .milliseconds(700))
    }

    func testFetch_neverRunsMoreThanTheGlobalLimit() async throws {
        server.resetPeaks()
        let fetcher = try Fetcher(maxConcurrent: 3, maxPerHost: 10)
        try await Self.hold(fetcher, server.base, times: 9)
        XCTAssertEqual(server.peakInFlight(host: "127.0.0.1:\(server.port)"), 3)
    }

    func testFetch_whenTaskIsCancelled_failsPromptlyAsCancelled() async throws {
        let fetcher = try Fetcher()
        let url = server.base + "/silent"
        let task = Task { try await fetcher.fetch(FetchRequest(url: url)) }
        try await Task.sleep(for: .milliseconds(200))
        let clock = ContinuousClock()
        let start = clock.now
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("a cancelled fetch returned")
        } catch let error as FetchError {
            XCTAssertEqual(error.reason, .cancelled)
        }
        XCTAssertLessThan(clock.now - start, .seconds(1))
    }

    func testFetch_afterShutdown_failsAsCancelled_andShutdownEndsRunningFetches() async throws {
        let fetcher = try Fetcher()
        let url = server.base + "/silent"
        let running = Task { try await fetcher.fetch(FetchRequest(url: url)) }
        try await Task.sleep(for: .milliseconds(100))
        fetcher.shutdown()
        await assertThrowsCancelled { try await running.value }
        await assertThrowsCancelled { try await fetcher.fetch(FetchRequest(url: url)) }
    }

    func testFetch_manyAtOnce_allSucceedOverReusedConnections() async throws {
        let fetcher = try Fetcher(maxConcurrent: 16, maxPerHost: 16)
        let base = server.base
        let before = server.requests.count
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<200 {
                group.addTask { try await fetcher.fetch(FetchRequest(url: "\(base)/page/\(i)")).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(statuses.count, 200)
        XCTAssertTrue(statuses.allSatisfy { $0 == 200 })
        XCTAssertEqual(server.requests.count - before, 200)
    }

    private func assertThrowsCancelled(
        _ body: () async throws -> FetchResponse, file: StaticString = #filePath, line: UInt = #line
    ) async {
        do {
            _ = try await body()
            XCTFail("expected a cancelled fetch", file: file, line: line)
        } catch let error as FetchError {
            XCTAssertEqual(error.reason, .cancelled, file: file, line: line)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }
}
