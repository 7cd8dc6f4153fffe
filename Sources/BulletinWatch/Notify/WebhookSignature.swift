import BulletinStore
public import Foundation

/// Standard Webhooks v1 signatures: `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`.
///
/// ```swift
/// let signer = try WebhookSignature(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
/// let headers = signer.headers(id: event.id, timestamp: Date(), body: body)
/// try signer.verify(headers: headers, body: body)          // what a receiver does
/// ```
public struct WebhookSignature: Sendable {
    /// The HMAC key.
    public let key: [UInt8]

    /// The key from a secret as written in a secret file: a `whsec_` secret is base64 after the
    /// prefix; anything else is used as its bytes. A trailing newline is ignored.
    public init(secret: String) throws(SignatureError) {
        let trimmed =
            secret.hasSuffix("\r\n")
            ? String(secret.dropLast(2)) : secret.hasSuffix("\n") ? String(secret.dropLast()) : secret
        if trimmed.hasPrefix("whsec_") {
            guard let data = Data(base64Encoded: String(trimmed.dropFirst(6))), !data.isEmpty else {
                throw SignatureError(description: "the whsec_ secret is not valid base64")
            }
            key = Array(data)
        } else {
            guard !trimmed.isEmpty else { throw SignatureError(description: "the secret is empty") }
            key = Array(trimmed.utf8)
        }
    }

    /// The signature of `body` for message `id` sent at `timestamp` (Unix seconds).
    public func signature(id: String, timestamp: Int, body: [UInt8]) -> String {
        let message = Array("\(id).\(timestamp).".utf8) + body
        return "v1," + Data(SHA256.hmac(key: key, message: message)).base64EncodedString()
    }

    /// The three headers to send.
    public func headers(id: String, timestamp: Date, body: [UInt8]) -> [String] {
        let seconds = Int(timestamp.timeIntervalSince1970)
        return [
            "webhook-id: \(id)", "webhook-timestamp: \(seconds)",
            "webhook-signature: \(signature(id: id, timestamp: seconds, body: body))",
        ]
    }

    /// Checks a received message as a receiver must: a known signature among those given (space
    /// separated), and a timestamp within `tolerance` of `now`.
    public func verify(
        id: String, timestamp: String, signatures: String, body: [UInt8], now: Date = Date(),
        tolerance: TimeInterval = 300
    ) throws(SignatureError) {
        guard let seconds = Int(timestamp) else { throw SignatureError(description: "bad webhook-timestamp") }
        guard abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance else {
            throw SignatureError(description: "webhook-timestamp too old or too new")
        }
        let expected = signature(id: id, timestamp: seconds, body: body)
        let given = signatures.split(separator: " ").map(String.init)
        guard given.contains(where: { Self.constantTimeEqual($0, expected) }) else {
            throw SignatureError(description: "no matching signature")
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Why a signature could not be made or did not verify.
public struct SignatureError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
