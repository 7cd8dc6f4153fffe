public import Foundation
import Logging

extension Watcher {
    /// Applies the config's `retention` to every source, discovered ones included, and to the
    /// outbox. The daemon calls it a minute after start and then once a day.
    ///
    /// ```swift
    /// let pass = await watcher.applyRetention()  // pass.documents, pass.events
    /// ```
    @discardableResult
    public func applyRetention(now: Date = Date()) -> RetentionPass {
        guard !config.retention.isEmpty else { return RetentionPass() }
        let pass = RetentionPass.run(
            config.retention, sources: sources.map(\.id), sinks: config.notify.map(\.name), store: store, now: now)
        for problem in pass.problems { logger.warning("retention: \(problem)") }
        if pass.documents + pass.events > 0 {
            logger.info("retention: removed \(pass.documents) stored documents and \(pass.events) events")
        }
        return pass
    }
}
