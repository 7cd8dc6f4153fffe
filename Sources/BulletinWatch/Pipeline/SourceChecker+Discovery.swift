import BulletinFetch
import BulletinIntake
public import BulletinStore
import Foundation

extension SourceChecker {
    /// A listing page or feed: a conditional GET; on new content its links, those matching the rule
    /// and not seen before (at most `limit`) recorded as documents to track.
    func checkListing(_ source: SourceConfig, rule: DiscoverRule, at date: Date) async -> CheckOutcome {
        let previous: ListingRecord?
        let known: Set<String>
        do {
            previous = try store.listing(of: source.id)
            known = Set(try store.discovered(parent: source.id).map(\.url))
        } catch {
            return .failed(message: "store: \(error)", transient: true, retryAfter: nil)
        }
        var request = request(for: source, latest: nil)
        request.validators = Validators(etag: previous?.etag, lastModified: previous?.lastModified)
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request)
        } catch let error as FetchError {
            return .failed(message: error.message, transient: error.isTransient, retryAfter: error.retryAfter)
        } catch {
            return .failed(message: "\(error)", transient: true, retryAfter: nil)
        }
        if response.isNotModified { return .unchanged(notModified: true, validators: response.validators) }
        let hash = SHA256.hex(of: response.body)
        if hash == previous?.sha256 { return .unchanged(notModified: false, validators: response.validators) }
        do {
            let links = try Intake.links(
                in: response.body, contentType: response.header("Content-Type"), base: response.finalURL)
            let fresh = links.filter { link in
                link.url != source.url && !known.contains(link.url) && rule.matches(text: link.text, url: link.url)
            }.prefix(rule.limit)
            let found = fresh.map {
                DiscoveredRecord(
                    parentId: source.id, url: $0.url, title: $0.text.isEmpty ? nil : $0.text, discoveredAt: date)
            }
            let validators = response.validators
            try store.recordListing(
                ListingRecord(
                    sourceId: source.id, etag: validators.etag, lastModified: validators.lastModified, sha256: hash,
                    checkedAt: date), found: Array(found))
            return .discovered(found.count)
        } catch let error as StoreError {
            return .failed(message: "store: \(error)", transient: true, retryAfter: nil)
        } catch {
            return .failed(message: "cannot read the listing: \(error)", transient: false, retryAfter: nil)
        }
    }
}

extension SourceConfig {
    /// A document found on `parent`'s listing, watched with the parent's settings.
    public init(child record: DiscoveredRecord, of parent: SourceConfig) {
        self.init(id: record.id, url: record.url, every: parent.discover?.every ?? parent.every)
        jitter = parent.jitter
        region = parent.region
        activeHours = parent.activeHours
        headers = parent.headers
        line = parent.line
        self.parent = parent.id
    }
}
