public import BulletinStore
public import Foundation

/// One pass of retention over a store: the documents of old versions of each source (their
/// indicators stay) and the events every sink has finished with.
///
/// ```swift
/// let pass = RetentionPass.run(config.retention, sources: ["hexi-report"], sinks: ["ops"], store: store)
/// print(pass.documents, pass.events, pass.problems)
/// ```
public struct RetentionPass: Sendable {
    /// Stored documents removed.
    public var documents = 0
    /// Events removed from the outbox.
    public var events = 0
    /// What could not be done, one line each; the rest of the pass went on.
    public var problems: [String] = []

    public static func run(
        _ retention: RetentionSettings, sources: [String], sinks: [String], store: SnapshotStore, now: Date = Date()
    ) -> RetentionPass {
        var pass = RetentionPass()
        if retention.keepVersions != nil || retention.keepFor != nil {
            for source in sources {
                do {
                    pass.documents += try store.applyRetention(
                        source: source, keepVersions: retention.keepVersions, keepDays: retention.keepDays, now: now)
                } catch {
                    pass.problems.append("\(source): \(error)")
                }
            }
        }
        if let eventsFor = retention.eventsFor {
            do {
                pass.events = try store.removeSettledEvents(
                    olderThan: now.addingTimeInterval(-eventsFor.seconds), sinks: sinks)
            } catch {
                pass.problems.append("events: \(error)")
            }
        }
        return pass
    }
}
