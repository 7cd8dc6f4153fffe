import BulletinStore
import BulletinWatch
import Foundation
import XCTest

final class SchedulePolicyTests: XCTestCase {
    private var random = SystemRandomNumberGenerator()
    private let zone = TimeZone(identifier: "Asia/Shanghai")!
    private let now = Date(timeIntervalSince1970: 1_735_704_000)  // 2025-01-01 12:00 in Shanghai

    private func policy(initial: Int = 60, max: Int = 3600) -> SchedulePolicy {
        var retry = RetrySettings()
        retry.initial = .seconds(initial)
        retry.max = .seconds(max)
        return SchedulePolicy(retry: retry, timeZone: zone)
    }

    private func source(every: Int = 600) -> SourceConfig {
        SourceConfig(id: "a", url: "https://a.example/", every: .seconds(every))
    }

    func testBackoff_doublesPerFailure_upToTheCap() {
        let waits = (1...8).map { policy().backoff(failures: $0, retryAfter: nil) }
        XCTAssertEqual(Array(waits.prefix(6)), [60, 120, 240, 480, 960, 1920].map { Duration.seconds($0) })
        XCTAssertEqual(waits[6], .seconds(3600))
        XCTAssertEqual(waits[7], .seconds(3600))
        XCTAssertEqual(policy().backoff(failures: 10_000, retryAfter: nil), .seconds(3600))
    }

    func testAfterFailure_neverSoonerThanRetryAfter() {
        for _ in 0..<200 {
            let due = policy().afterFailure(
                of: source(), failures: 1, retryAfter: .seconds(900), at: now, using: &random)
            XCTAssertGreaterThanOrEqual(due.timeIntervalSince(now), 900)
        }
    }

    func testAfterSuccess_staysWithinTheJitter_andSpreads() {
        let dues = (0..<500).map { _ in policy().afterSuccess(of: source(), at: now, using: &random) }
        let offsets = dues.map { $0.timeIntervalSince(now) }
        XCTAssertGreaterThanOrEqual(offsets.min()!, 540)
        XCTAssertLessThanOrEqual(offsets.max()!, 660)
        XCTAssertGreaterThan(offsets.max()! - offsets.min()!, 60, "jitter should spread the checks")
    }

    func testAtStart_keepsAFutureDueTime_andSpreadsOverdueOnes() {
        var remembered = SourceHealth(sourceId: "a", url: "https://a.example/")
        remembered.nextDueAt = now.addingTimeInterval(300)
        XCTAssertEqual(
            policy().atStart(of: source(), remembered: remembered, now: now, using: &random), remembered.nextDueAt)

        remembered.nextDueAt = now.addingTimeInterval(-86400)
        let overdue = (0..<300).map {
            _ in policy().atStart(of: source(), remembered: remembered, now: now, using: &random).timeIntervalSince(now)
        }
        XCTAssertGreaterThanOrEqual(overdue.min()!, 0)
        XCTAssertLessThanOrEqual(overdue.max()!, 60, "an overdue source is checked within the first minute")
        XCTAssertGreaterThan(Set(overdue.map { Int($0) }).count, 20, "not all at once")
    }

    func testAtStart_whenURLChanged_forgetsTheOldDueTime() {
        var remembered = SourceHealth(sourceId: "a", url: "https://old.example/")
        remembered.nextDueAt = now.addingTimeInterval(500)
        let due = policy().atStart(of: source(), remembered: remembered, now: now, using: &random)
        XCTAssertLessThanOrEqual(due.timeIntervalSince(now), 60)
    }

    func testAtStart_whenIntervalShrank_doesNotWaitForTheOldOne() {
        var remembered = SourceHealth(sourceId: "a", url: "https://a.example/")
        remembered.nextDueAt = now.addingTimeInterval(86400)
        let due = policy().atStart(of: source(every: 600), remembered: remembered, now: now, using: &random)
        XCTAssertLessThanOrEqual(due.timeIntervalSince(now), 660)
    }

    func testAfterSuccess_outsideActiveHours_waitsForTheOpening() {
        var night = source(every: 600)
        night.activeHours = ActiveHours(parsing: "22:00-23:00")
        let due = policy().afterSuccess(of: night, at: now, using: &random)
        XCTAssertTrue(night.activeHours!.contains(due, in: zone))
        XCTAssertGreaterThanOrEqual(due.timeIntervalSince(now), 10 * 3600)
    }
}
