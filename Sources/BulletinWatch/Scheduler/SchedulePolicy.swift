public import BulletinStore
public import Foundation

/// When each source is next checked: its interval with jitter after a success, exponential backoff
/// after a failure (never sooner than the server's Retry-After), only inside its active hours, and
/// on start a spread so that a restart does not poll every source at once.
///
/// ```swift
/// var random = SystemRandomNumberGenerator()
/// let due = policy.afterSuccess(of: source, at: Date(), using: &random)
/// ```
public struct SchedulePolicy: Sendable {
    public var retry: RetrySettings
    public var timeZone: TimeZone
    /// On start, overdue and new sources are spread over at most this long (and never longer than
    /// their interval).
    public var startSpread: Duration = .seconds(60)

    public init(retry: RetrySettings, timeZone: TimeZone) {
        self.retry = retry
        self.timeZone = timeZone
    }

    /// The next check after a successful one at `date`: the interval, stretched or shrunk by up to
    /// the source's jitter.
    public func afterSuccess(of source: SourceConfig, at date: Date, using random: inout some RandomNumberGenerator)
        -> Date
    {
        let factor = 1 + Double.random(in: -source.jitter...source.jitter, using: &random)
        return within(source, date.addingTimeInterval(source.every.seconds * factor), using: &random)
    }

    /// The wait after the `failures`-th failure in a row: `retry.initial` doubled each time, capped
    /// at `retry.max`, at least `retryAfter`.
    public func backoff(failures: Int, retryAfter: Duration?) -> Duration {
        let doublings = min(max(failures - 1, 0), 40)
        let grown = retry.initial.seconds * pow(2, Double(doublings))
        let wait = min(grown, retry.max.seconds)
        return .milliseconds(Int64(max(wait, retryAfter?.seconds ?? 0) * 1000))
    }

    /// The next check after the `failures`-th failure in a row at `date`, with 10 % jitter (never
    /// below Retry-After).
    public func afterFailure(
        of source: SourceConfig, failures: Int, retryAfter: Duration?, at date: Date,
        using random: inout some RandomNumberGenerator
    ) -> Date {
        let wait = backoff(failures: failures, retryAfter: nil).seconds * Double.random(in: 0.9...1.1, using: &random)
        let floor = retryAfter?.seconds ?? 0
        return within(source, date.addingTimeInterval(max(wait, floor)), using: &random)
    }

    /// When a source is first due after the daemon starts at `now`, given what the store remembers.
    ///
    /// A future due time is kept (shortened if the interval shrank); an overdue or never-checked
    /// source is due within the start spread.
    public func atStart(
        of source: SourceConfig, remembered health: SourceHealth?, now: Date,
        using random: inout some RandomNumberGenerator
    ) -> Date {
        if let health, health.url == source.url, let due = health.nextDueAt, due > now {
            let latest = now.addingTimeInterval(source.every.seconds * (1 + source.jitter))
            return due < latest ? due : afterSuccess(of: source, at: now, using: &random)
        }
        let window = min(startSpread.seconds, source.every.seconds)
        return within(source, now.addingTimeInterval(Double.random(in: 0...window, using: &random)), using: &random)
    }

    /// `date`, or when it falls outside the source's active hours, a moment soon after they open.
    func within(_ source: SourceConfig, _ date: Date, using random: inout some RandomNumberGenerator) -> Date {
        guard let hours = source.activeHours, !hours.contains(date, in: timeZone) else { return date }
        let opening = hours.nextOpening(after: date, in: timeZone)
        let spread = min(600, source.every.seconds)
        return opening.addingTimeInterval(Double.random(in: 0...spread, using: &random))
    }
}
