import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal SMTP submission server on 127.0.0.1 that accepts every message (and AUTH PLAIN or
/// LOGIN with any credentials), keeping what it received.
public final class SMTPServer: @unchecked Sendable {
    public struct Message: Sendable {
        public var from: String
        public var recipients: [String]
        /// The AUTH PLAIN or LOGIN credentials given, as "user:password".
        public var credentials: String?
        /// The message as sent, dot-stuffing undone.
        public var data: String
    }

    public private(set) var port: UInt16 = 0
    private let listener: Int32
    private let lock = NSLock()
    private var messages: [Message] = []

    public var url: String { "smtp://127.0.0.1:\(port)" }
    public var received: [Message] { lock.withLock { messages } }

    public init() throws {
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = listener
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw POSIXError(.EADDRINUSE) }
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in
            while true {
                let connection = accept(listener, nil, nil)
                if connection < 0 { return }
                Thread.detachNewThread { [self] in serve(Connection(fd: connection)) }
            }
        }
    }

    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ c: Connection) {
        defer { c.close() }
        var current = Message(from: "", recipients: [], credentials: nil, data: "")
        c.send("220 bulletind-test ESMTP\r\n")
        while let line = c.readLine() {
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") || upper.hasPrefix("HELO") {
                c.send("250-bulletind-test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n")
            } else if upper.hasPrefix("AUTH PLAIN") {
                let encoded =
                    line.split(separator: " ").dropFirst(2).first.map(String.init)
                    ?? {
                        c.send("334 \r\n")
                        return c.readLine() ?? ""
                    }()
                let parts = Data(base64Encoded: encoded).map {
                    Array($0).split(separator: 0, omittingEmptySubsequences: false)
                }
                if let parts, parts.count == 3 {
                    current.credentials =
                        String(decoding: parts[1], as: UTF8.self) + ":" + String(decoding: parts[2], as: UTF8.self)
                }
                c.send("235 2.7.0 accepted\r\n")
            } else if upper.hasPrefix("AUTH LOGIN") {
                c.send("334 VXNlcm5hbWU6\r\n")
                let user = Data(base64Encoded: c.readLine() ?? "").map { String(decoding: $0, as: UTF8.self) } ?? ""
                c.send("334 UGFzc3dvcmQ6\r\n")
                let password = Data(base64Encoded: c.readLine() ?? "").map { String(decoding: $0, as: UTF8.self) } ?? ""
                current.credentials = "\(user):\(password)"
                c.send("235 2.7.0 accepted\r\n")
            } else if upper.hasPrefix("MAIL FROM:") {
                current.from = String(line.dropFirst(10)).trimmingCharacters(in: CharacterSet(charactersIn: " <>"))
                c.send("250 ok\r\n")
            } else if upper.hasPrefix("RCPT TO:") {
                current.recipients.append(
                    String(line.dropFirst(8)).trimmingCharacters(in: CharacterSet(charactersIn: " <>")))
                c.send("250 ok\r\n")
            } else if upper == "DATA" {
                c.send("354 go ahead\r\n")
                var lines: [String] = []
                while let data = c.readLine(), data != "." {
                    lines.append(data.hasPrefix("..") ? String(data.dropFirst()) : data)
                }
                current.data = lines.joined(separator: "\r\n")
                lock.withLock { messages.append(current) }
                let credentials = current.credentials
                current = Message(from: "", recipients: [], credentials: credentials, data: "")
                c.send("250 queued\r\n")
            } else if upper == "QUIT" {
                c.send("221 bye\r\n")
                return
            } else {
                c.send("250 ok\r\n")
            }
        }
    }
}

extension Connection {
    /// The next line without its CRLF, or nil when the peer closes.
    func readLine() -> String? {
        guard let head = readUntil(Array("\r\n".utf8)) else { return nil }
        return String(decoding: head, as: UTF8.self)
    }
}
