public import BulletinStore
import Foundation

/// Somewhere events go: a webhook, a chat robot, e-mail, a command, a file.
public protocol NotificationSink: Sendable {
    /// Delivers `events` (one, or a sink's digest) whose stored JSON is `payloads`. Returns only
    /// once the receiver has accepted them.
    func deliver(_ events: [Event], payloads: [String]) async throws(DeliveryFailure)
}

/// Why a delivery failed, and whether trying again can help.
public struct DeliveryFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The receiver asked us to wait this long.
    public var retryAfter: Duration?
    /// A retry cannot succeed (a 4xx that is not 408 or 429, a bad secret): dead at once.
    public var permanent: Bool

    public init(_ message: String, retryAfter: Duration? = nil, permanent: Bool = false) {
        self.message = message
        self.retryAfter = retryAfter
        self.permanent = permanent
    }

    public var description: String { message }
}

/// JSON bodies with sorted keys and unescaped slashes, so that snapshot tests compare bytes.
enum JSONBody {
    static func encode(_ object: [String: Any]) -> [UInt8] {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        return Array(data ?? Data("{}".utf8))
    }
}
