public import BulletinFetch
import BulletinIntake
public import BulletinStore
public import Foundation

/// What one check of one source came to.
public enum CheckOutcome: Sendable, Equatable {
    /// The document is as stored: a 304, or the same bytes; with the validators the server sent.
    /// The caller records the check (``SnapshotStore/save(_:)-(CheckBatch)``), in batches.
    case unchanged(notModified: Bool, validators: Validators)
    /// A new version was stored: its sequence number, how many indicators changed and the events queued.
    case stored(version: Int, changes: Int, events: Int)
    /// A listing page or feed was read: how many new documents it led to (now tracked).
    case discovered(Int)
    /// The check failed; nothing was stored.
    case failed(message: String, transient: Bool, retryAfter: Duration?)

    public var succeeded: Bool {
        if case .failed = self { return false }
        return true
    }
}

/// The pipeline for one due source: conditional fetch → (if new) read and parse → store the
/// snapshot, which diffs it against the previous version and queues the events.
///
/// ```swift
/// let checker = SourceChecker(fetcher: fetcher, store: store, settings: config.fetch)
/// let outcome = await checker.check(source)
/// ```
public struct SourceChecker: Sendable {
    public var fetcher: Fetcher
    public var store: SnapshotStore
    public var settings: FetchSettings

    public init(fetcher: Fetcher, store: SnapshotStore, settings: FetchSettings) {
        self.fetcher = fetcher
        self.store = store
        self.settings = settings
    }

    /// Checks `source` once. Never throws: every failure becomes `.failed` with a one-line message.
    public func check(_ source: SourceConfig, at date: Date = Date()) async -> CheckOutcome {
        do {
            return await check(source, latest: try store.latestVersion(of: source.id), at: date)
        } catch {
            return .failed(message: "store: \(error)", transient: true, retryAfter: nil)
        }
    }

    /// Checks `source` against `latest`, its latest stored version as the caller knows it.
    public func check(_ source: SourceConfig, latest: VersionRecord?, at date: Date) async -> CheckOutcome {
        if let rule = source.discover { return await checkListing(source, rule: rule, at: date) }
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request(for: source, latest: latest))
        } catch let error as FetchError {
            return .failed(message: error.message, transient: error.isTransient, retryAfter: error.retryAfter)
        } catch {
            return .failed(message: "\(error)", transient: true, retryAfter: nil)
        }
        do {
            return try store(response, of: source, latest: latest, at: date)
        } catch let error as StoreError {
            return .failed(message: "store: \(error)", transient: true, retryAfter: nil)
        } catch let error as IntakeError {
            return .failed(message: "cannot read the document: \(error)", transient: false, retryAfter: nil)
        } catch {
            return .failed(message: "cannot read the document: \(error)", transient: false, retryAfter: nil)
        }
    }

    func request(for source: SourceConfig, latest: VersionRecord?) -> FetchRequest {
        var request = FetchRequest(url: source.url)
        request.headers = source.headers
        request.userAgent = settings.userAgent
        request.allowFile = source.allowFile
        request.proxy = settings.proxy
        request.caBundle = settings.caBundle
        request.limits.totalTimeout = settings.timeout
        request.limits.connectTimeout = settings.connectTimeout
        request.limits.maxBytes = settings.maxBytes
        // Validators only when the stored copy is still there to stand for the document.
        if let latest, latest.url == source.url, !latest.blobPruned {
            request.validators = Validators(etag: latest.etag, lastModified: latest.lastModified)
        }
        return request
    }

    private func store(_ response: FetchResponse, of source: SourceConfig, latest: VersionRecord?, at date: Date)
        throws -> CheckOutcome
    {
        let validators = response.validators
        if response.isNotModified { return .unchanged(notModified: true, validators: validators) }
        // The same bytes need no parsing.
        if let latest, !latest.blobPruned, latest.url == source.url, latest.blob == SHA256.hex(of: response.body) {
            return .unchanged(notModified: false, validators: validators)
        }
        let reader = DocumentReader(year: source.year)
        var (snapshot, _) = try reader.snapshot(
            of: response.body, sourceId: source.id, url: source.url, contentType: response.header("Content-Type"),
            fetchedAt: date)
        snapshot.region = source.region
        snapshot.httpStatus = response.status
        snapshot.etag = validators.etag
        snapshot.lastModified = validators.lastModified
        switch try store.record(snapshot) {
        case .created(let version, let changes, let events):
            return .stored(version: version.sequence, changes: changes.count, events: events)
        case .unchanged:
            return .unchanged(notModified: false, validators: Validators())
        }
    }
}
