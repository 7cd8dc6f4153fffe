import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension HostileServer {
    /// 国内生产总值增长5.2% in GBK.
    public static let gbkSentence: [UInt8] = [
        185, 250, 196, 218, 201, 250, 178, 250, 215, 220, 214, 181, 212, 246, 179, 164, 53, 46, 50, 37,
    ]
    public static let bomb = gzipOfZeros(count: 50 << 20)
    public static let etag = "\"v1-5f3a\""
    public static let lastModified = "Tue, 05 Mar 2024 02:00:00 GMT"

    /// Answers one request; false closes the connection.
    func respond(to request: Request, on c: Connection) -> Bool {
        switch request.path {
        case "/ok":
            return c.send(Self.head(200, ["Content-Type: text/html; charset=utf-8"], body: "<p>hello</p>"))
        case "/trickle":  // one byte a second
            c.send(Self.head(200, ["Content-Length: 1000"]))
            for _ in 0..<60 where c.send("x") { sleep(1) }
        case "/silent":  // accepts and never answers
            c.waitForPeerClose(seconds: 60)
        case "/endless-chunked":
            c.send(Self.head(200, ["Transfer-Encoding: chunked"]))
            let chunk = "10000\r\n" + String(repeating: "a", count: 0x10000) + "\r\n"
            while c.send(chunk) {}
        case "/huge-length":  // 10 GiB announced
            c.send(Self.head(200, ["Content-Length: 10737418240"]))
            let block = [UInt8](repeating: 98, count: 1 << 16)
            while c.send(block) {}
        case "/gzip-bomb":
            c.send(Self.head(200, ["Content-Encoding: gzip", "Content-Length: \(Self.bomb.count)"]))
            c.send(Self.bomb)
        case "/loop":
            return c.send(Self.head(302, ["Location: /loop"], body: ""))
        case let path where path.hasPrefix("/hops/"):  // /hops/N redirects N times, then answers
            let n = Int(path.dropFirst(6)) ?? 0
            if n == 0 { return c.send(Self.head(200, [], body: "arrived")) }
            return c.send(Self.head(302, ["Location: /hops/\(n - 1)"], body: ""))
        case "/to-file":
            return c.send(Self.head(302, ["Location: file:///etc/passwd"], body: ""))
        case "/to-gopher":
            return c.send(Self.head(302, ["Location: gopher://127.0.0.1:\(port)/"], body: ""))
        case "/to-internal":
            return c.send(Self.head(302, ["Location: \(internalBase)/ok"], body: ""))
        case "/unavailable":
            return c.send(Self.head(503, ["Retry-After: 120"], body: "busy"))
        case "/unavailable-date":
            let date = Self.httpDate(Date().addingTimeInterval(90))
            return c.send(Self.head(503, ["Retry-After: \(date)"], body: "busy"))
        case "/too-many":
            return c.send(Self.head(429, ["Retry-After: 7"], body: "slow down"))
        case "/missing":
            return c.send(Self.head(404, [], body: "no such page"))
        case "/broken":
            return c.send(Self.head(500, [], body: "oops"))
        case "/reset":  // promises 100 KB, sends 5 KB, then resets
            c.send(Self.head(200, ["Content-Length: 100000"]))
            c.send([UInt8](repeating: 99, count: 5000))
            usleep(100_000)
            c.reset()
        case "/short":  // promises 100 KB, sends 5 KB, closes cleanly
            c.send(Self.head(200, ["Content-Length: 100000"]))
            c.send([UInt8](repeating: 99, count: 5000))
        case "/truncated-chunked":
            c.send(Self.head(200, ["Transfer-Encoding: chunked"]))
            c.send("400\r\n" + String(repeating: "a", count: 0x400) + "\r\n200\r\nabc")
        case "/endless-headers":
            c.send("HTTP/1.1 200 OK\r\n")
            var i = 0
            while c.send("X-Filler-\(i): \(String(repeating: "z", count: 1000))\r\n") { i += 1 }
        case "/redirect-endless-body":
            c.send(Self.head(302, ["Location: /ok", "Transfer-Encoding: chunked"]))
            let chunk = "10000\r\n" + String(repeating: "r", count: 0x10000) + "\r\n"
            while c.send(chunk) {}
        case "/conditional":
            if request.headers["if-none-match"] == Self.etag
                || request.headers["if-modified-since"] == Self.lastModified
            {
                return c.send(Self.head(304, ["ETag: \(Self.etag)"]))
            }
            let headers = ["Content-Type: text/plain", "ETag: \(Self.etag)", "Last-Modified: \(Self.lastModified)"]
            return c.send(Self.head(200, headers, body: "version one"))
        case "/gbk":
            let head = Self.head(
                200, ["Content-Type: text/html; charset=GBK", "Content-Length: \(Self.gbkSentence.count)"])
            return c.send(Array(head.utf8) + Self.gbkSentence)
        case "/echo-headers":
            let lines = request.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            return c.send(Self.head(200, ["Content-Type: text/plain"], body: lines.joined(separator: "\n")))
        case "/hold":  // 200 ms, counted per host
            holding(host: request.headers["host"] ?? "", for: 200_000)
            return c.send(Self.head(200, [], body: "held"))
        case let path where path.hasPrefix("/receive/"):
            let name = String(path.dropFirst(9).prefix { $0 != "?" })
            let length = Int(request.headers["content-length"] ?? "0") ?? 0
            guard let body = c.readBody(count: length) else { return false }
            let taken = take(name, Received(path: path, headers: request.headers, body: body))
            if !taken { return c.send(Self.head(503, ["Retry-After: 1"], body: "try later")) }
            return c.send(Self.head(200, ["Content-Type: application/json"], body: "{\"errcode\":0,\"errmsg\":\"ok\"}"))
        case let path where path.hasPrefix("/docs/"):
            guard let document = document(String(path.dropFirst(6))) else {
                return c.send(Self.head(404, [], body: "no such document"))
            }
            guard document.status == 200 else { return c.send(Self.head(document.status, [], body: "failing")) }
            let etag = "\"\(document.body.count)-\(document.body.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFFFF })\""
            if request.headers["if-none-match"] == etag { return c.send(Self.head(304, ["ETag: \(etag)"])) }
            let head = Self.head(
                200,
                ["Content-Type: \(document.contentType)", "ETag: \(etag)", "Content-Length: \(document.body.count)"])
            return c.send(Array(head.utf8) + document.body)
        case let path where path.hasPrefix("/page/"):
            return c.send(Self.head(200, ["Content-Type: text/html"], body: String(repeating: "页", count: 100)))
        default:
            return c.send(Self.head(404, [], body: ""))
        }
        return false
    }

    /// A status line and headers; with a body, its Content-Length and the body.
    static func head(_ status: Int, _ headers: [String], body: String? = nil) -> String {
        var text = "HTTP/1.1 \(status) Whatever\r\n" + headers.map { $0 + "\r\n" }.joined()
        if let body {
            text += "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        } else {
            text += "\r\n"
        }
        return text
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
