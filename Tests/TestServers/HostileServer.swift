import CZlib
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A misbehaving HTTP server on 127.0.0.1 (and 127.0.0.2, same port), one thread a connection.
/// Each path is one kind of bad behaviour; see `respond`.
public final class HostileServer: @unchecked Sendable {
    public private(set) var port: UInt16 = 0
    private var listeners: [Int32] = []
    private let lock = NSLock()
    private var stopped = false
    private var heads: [String] = []
    private var inFlight: [String: Int] = [:]
    private var peak: [String: Int] = [:]
    private var documents: [String: (body: [UInt8], contentType: String, status: Int)] = [:]
    private var accepted: [String: [Received]] = [:]
    private var refused: [String: Int] = [:]
    private var failRates: [String: Double] = [:]

    public var base: String { "http://127.0.0.1:\(port)" }
    public var internalBase: String { "http://127.0.0.2:\(port)" }

    /// Request heads received so far.
    public var requests: [String] { lock.withLock { heads } }

    public init() throws {
        let first = try Self.listen(on: "127.0.0.1", port: 0)
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(first, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listeners = [first]
        if let second = try? Self.listen(on: "127.0.0.2", port: port) { listeners.append(second) }
        for listener in listeners {
            Thread.detachNewThread { [self] in acceptLoop(listener) }
        }
    }

    public func stop() {
        lock.withLock { stopped = true }
        for listener in listeners {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// The most `/hold` requests that were in flight at once, per Host header.
    public func peakInFlight(host: String) -> Int { lock.withLock { peak[host, default: 0] } }

    /// Serves `body` at `/docs/NAME` with an ETag of its content, answering If-None-Match with a
    /// 304; a `status` other than 200 serves that error instead.
    public func serve(
        _ name: String, body: [UInt8], contentType: String = "text/plain; charset=utf-8", status: Int = 200
    ) {
        lock.withLock { documents[name] = (body, contentType, status) }
    }

    func document(_ name: String) -> (body: [UInt8], contentType: String, status: Int)? {
        lock.withLock { documents[name] }
    }

    /// Makes `/receive/NAME` accept POSTs, failing a share of them with a 503.
    public func receive(_ name: String, failRate: Double = 0) {
        lock.withLock { failRates[name] = failRate }
    }

    /// What `/receive/NAME` accepted, in order.
    public func received(_ name: String) -> [Received] { lock.withLock { accepted[name] ?? [] } }

    /// How many POSTs `/receive/NAME` refused.
    public func refusals(_ name: String) -> Int { lock.withLock { refused[name] ?? 0 } }

    /// Decides whether a POST is accepted and records it.
    func take(_ name: String, _ received: Received) -> Bool {
        lock.withLock {
            if Double.random(in: 0..<1) < failRates[name, default: 0] {
                refused[name, default: 0] += 1
                return false
            }
            accepted[name, default: []].append(received)
            return true
        }
    }

    /// Resets the `/hold` counts.
    public func resetPeaks() { lock.withLock { peak = [:] } }

    /// Counts a `/hold` request in and out, keeping the peak.
    func holding(host: String, for microseconds: UInt32) {
        lock.withLock {
            inFlight[host, default: 0] += 1
            peak[host] = max(peak[host, default: 0], inFlight[host]!)
        }
        usleep(microseconds)
        lock.withLock { inFlight[host, default: 1] -= 1 }
    }

    private static func listen(on host: String, port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(fd, 128) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        return fd
    }

    private func acceptLoop(_ listener: Int32) {
        while !isStopped {
            let connection = accept(listener, nil, nil)
            if connection < 0 { return }
            Thread.detachNewThread { [self] in serve(Connection(fd: connection)) }
        }
    }

    private func serve(_ connection: Connection) {
        defer { connection.close() }
        while let head = connection.readHead() {
            lock.withLock { heads.append(head) }
            let keepGoing = respond(to: Request(head: head), on: connection)
            if !keepGoing { return }
        }
    }
}

/// A POST a receiver accepted.
public struct Received: Sendable {
    public var path: String
    /// Lowercased names.
    public var headers: [String: String]
    public var body: [UInt8]
}

/// The first line and headers of a request.
struct Request {
    var path: String
    var headers: [String: String]

    init(head: String) {
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        path = parts.count > 1 ? String(parts[1]) : "/"
        headers = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }
}

/// A client socket with blocking writes that report failure instead of raising SIGPIPE.
final class Connection: @unchecked Sendable {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    func readHead() -> String? {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = buffer.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
                buffer.removeSubrange(..<end.upperBound)
                return head
            }
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return nil }
            buffer += chunk[..<n]
        }
    }

    /// The bytes up to `delimiter` (which is consumed), or nil when the peer closes first.
    func readUntil(_ delimiter: [UInt8]) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = buffer.firstRange(of: delimiter) {
                let found = Array(buffer[..<end.lowerBound])
                buffer.removeSubrange(..<end.upperBound)
                return found
            }
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return nil }
            buffer += chunk[..<n]
        }
    }

    /// The next `count` bytes (a request body), or nil when the peer closes first.
    func readBody(count: Int) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while buffer.count < count {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { return nil }
            buffer += chunk[..<n]
        }
        let body = Array(buffer[..<count])
        buffer.removeSubrange(..<count)
        return body
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// Blocks until the peer closes or `seconds` pass.
    func waitForPeerClose(seconds: Int) {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = poll(&poller, 1, Int32(seconds * 1000))
    }

    /// Closes with SO_LINGER 0, so the peer sees a reset, not an orderly end.
    func reset() {
        var linger = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
    }

    func close() { _ = Glibc.close(fd) }
}

/// A gzip stream of `count` zero bytes: 50 MB compress to about 50 KB.
public func gzipOfZeros(count: Int) -> [UInt8] {
    var stream = z_stream()
    _ = bulletind_deflate_init_gzip(&stream, 9)
    defer { deflateEnd(&stream) }
    var input = [UInt8](repeating: 0, count: 1 << 20)
    var output: [UInt8] = []
    var out = [UInt8](repeating: 0, count: 1 << 16)
    var remaining = count
    repeat {
        let take = min(remaining, input.count)
        remaining -= take
        let flush = remaining == 0 ? Z_FINISH : Z_NO_FLUSH
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(take)
            repeat {
                out.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    deflate(&stream, flush)
                    output += outBuffer[..<(outBuffer.count - Int(stream.avail_out))]
                }
            } while stream.avail_out == 0
        }
    } while remaining > 0
    return output
}

extension HostileServer {
    /// True when a TCP connection to the base URL's address succeeds.
    public static func probe(_ base: String) throws -> Bool {
        let hostPort = base.replacingOccurrences(of: "http://", with: "").split(separator: ":")
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(hostPort[1])!.bigEndian
        inet_pton(AF_INET, String(hostPort[0]), &address.sin_addr)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
