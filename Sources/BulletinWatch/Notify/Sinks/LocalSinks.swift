import BulletinFetch
public import BulletinStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Appends one JSON line per event to a file, fsynced before the delivery counts.
public struct FileSink: NotificationSink {
    var path: String

    public func deliver(_ events: [Event], payloads: [String]) async throws(DeliveryFailure) {
        let bytes = Array(payloads.map { $0 + "\n" }.joined().utf8)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw DeliveryFailure("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw DeliveryFailure("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        guard fsync(fd) == 0 else { throw DeliveryFailure("cannot fsync \(path): \(String(cString: strerror(errno)))") }
    }
}

/// Sends a plain-text e-mail with the change and the evidence through SMTP submission.
public struct EmailSink: NotificationSink {
    var server: MailServer
    var recipients: [String]

    public func deliver(_ events: [Event], payloads: [String]) async throws(DeliveryFailure) {
        let message = EventMessage.digest(events)
        let mail = Self.compose(message, from: server.from, to: recipients, id: events.map(\.id).joined())
        do {
            try await MailSender.send(mail, to: recipients, via: server)
        } catch {
            throw DeliveryFailure(error.message, retryAfter: nil, permanent: !error.isTransient)
        }
    }

    /// An RFC 5322 message: UTF-8 subject (RFC 2047), UTF-8 body in base64, CRLF line ends.
    static func compose(_ message: EventMessage, from: String, to: [String], id: String, date: Date = Date())
        -> [UInt8]
    {
        let subject = "=?UTF-8?B?\(Data(message.title.utf8).base64EncodedString())?="
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let body = Data((message.plainText + "\n").utf8).base64EncodedString(options: [.lineLength76Characters])
        let messageID = "<\(Event.stableID(id))@bulletind>"
        let head = [
            "From: \(from)", "To: \(to.joined(separator: ", "))", "Subject: \(subject)",
            "Date: \(formatter.string(from: date))", "Message-ID: \(messageID)", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64",
        ]
        let text =
            head.joined(separator: "\r\n") + "\r\n\r\n"
            + body.replacingOccurrences(of: "\n", with: "")
            .replacingOccurrences(of: "\r", with: "\r\n") + "\r\n"
        return Array(text.utf8)
    }
}
