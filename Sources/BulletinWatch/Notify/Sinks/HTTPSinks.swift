import BulletinFetch
public import BulletinStore
public import Foundation

/// POSTs a body through the fetcher, turning its errors into delivery failures.
struct Poster: Sendable {
    var fetcher: Fetcher
    var timeout: Duration
    var userAgent: String

    func post(_ url: String, body: [UInt8], headers: [String] = []) async throws(DeliveryFailure) -> [UInt8] {
        var request = FetchRequest(url: url)
        request.body = body
        request.headers = ["Content-Type: application/json"] + headers
        request.userAgent = userAgent
        request.limits.totalTimeout = timeout
        request.limits.maxBytes = 1 << 20
        do {
            return try await fetcher.fetch(request).body
        } catch let error as FetchError {
            throw DeliveryFailure(error.message, retryAfter: error.retryAfter, permanent: !error.isTransient)
        } catch {
            throw DeliveryFailure("\(error)")
        }
    }
}

/// POSTs each event's JSON (or a digest of them), signed per Standard Webhooks v1.
///
/// A digest is `{"type":"digest","events":[…]}` with an id derived from the events' ids.
public struct WebhookSink: NotificationSink {
    var poster: Poster
    var url: String
    /// Nil sends unsigned.
    var signer: WebhookSignature?

    public func deliver(_ events: [Event], payloads: [String]) async throws(DeliveryFailure) {
        let (id, body) = Self.body(events, payloads: payloads)
        let headers = signer?.headers(id: id, timestamp: Date(), body: body) ?? ["webhook-id: \(id)"]
        _ = try await poster.post(url, body: body, headers: headers)
    }

    static func body(_ events: [Event], payloads: [String]) -> (id: String, body: [UInt8]) {
        if payloads.count == 1 { return (events[0].id, Array(payloads[0].utf8)) }
        let id = Event.stableID(events.map(\.id).joined(separator: ","))
        let text = "{\"events\":[\(payloads.joined(separator: ","))],\"id\":\"\(id)\",\"type\":\"digest\"}"
        return (id, Array(text.utf8))
    }
}

/// The chat robots: DingTalk, WeCom (企业微信), Feishu (飞书), Slack. Each gets a readable
/// Chinese message in its own format; DingTalk and Feishu are signed when a secret is set.
public struct ChatSink: NotificationSink {
    public enum Kind: String, Sendable {
        case dingtalk, wecom, feishu, slack
    }

    var kind: Kind
    var poster: Poster
    var url: String
    var secret: String?

    public func deliver(_ events: [Event], payloads: [String]) async throws(DeliveryFailure) {
        let message = EventMessage.digest(events)
        let (target, body) = request(for: message, at: Date())
        let answer = try await poster.post(target, body: body)
        try Self.check(answer, kind: kind)
    }

    /// The URL (signed for DingTalk) and the JSON body for `message` at `date`.
    public func request(for message: EventMessage, at date: Date) -> (url: String, body: [UInt8]) {
        switch kind {
        case .dingtalk:
            var target = url
            if let secret {
                let timestamp = String(Int64(date.timeIntervalSince1970 * 1000))
                let sign = Self.base64HMAC(key: Array(secret.utf8), message: Array("\(timestamp)\n\(secret)".utf8))
                let escaped = sign.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? sign
                target += (url.contains("?") ? "&" : "?") + "timestamp=\(timestamp)&sign=\(escaped)"
            }
            let body: [String: Any] = [
                "msgtype": "markdown", "markdown": ["title": message.title, "text": message.markdown],
            ]
            return (target, JSONBody.encode(body))
        case .wecom:
            return (url, JSONBody.encode(["msgtype": "markdown", "markdown": ["content": message.markdown]]))
        case .feishu:
            var body: [String: Any] = ["msg_type": "text", "content": ["text": message.plainText]]
            if let secret {
                let timestamp = String(Int64(date.timeIntervalSince1970))
                body["timestamp"] = timestamp
                body["sign"] = Self.base64HMAC(key: Array("\(timestamp)\n\(secret)".utf8), message: [])
            }
            return (url, JSONBody.encode(body))
        case .slack:
            var text = "*\(message.title)*\n" + message.lines.joined(separator: "\n")
            if let link = message.link { text += "\n<\(link)|查看原文>" }
            return (url, JSONBody.encode(["text": text]))
        }
    }

    /// The robots answer 200 with an error code in the body when they refuse a message.
    static func check(_ answer: [UInt8], kind: Kind) throws(DeliveryFailure) {
        guard kind != .slack,
            let object = try? JSONSerialization.jsonObject(with: Data(answer)) as? [String: Any]
        else { return }
        let code = (object["errcode"] ?? object["code"] ?? object["StatusCode"]) as? Int ?? 0
        guard code != 0 else { return }
        let text = (object["errmsg"] ?? object["msg"] ?? object["StatusMessage"]) as? String ?? ""
        // Rate limits are worth retrying; a bad token or signature is not.
        let transient = [130101, 45009, 11232, 9499].contains(code)
        throw DeliveryFailure("\(kind.rawValue) refused the message: \(code) \(text)", permanent: !transient)
    }

    static func base64HMAC(key: [UInt8], message: [UInt8]) -> String {
        Data(SHA256.hmac(key: key, message: message)).base64EncodedString()
    }
}
