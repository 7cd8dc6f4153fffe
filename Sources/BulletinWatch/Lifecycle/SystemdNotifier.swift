public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Tells systemd how the service is doing, over $NOTIFY_SOCKET (sd_notify's protocol: one datagram
/// of "KEY=value" lines). Does nothing when not started by systemd.
///
/// ```swift
/// let systemd = SystemdNotifier()
/// systemd.send("READY=1", "STATUS=12 sources, next check in 4 min")
/// ```
public struct SystemdNotifier: Sendable {
    /// The socket's path ("@name" for the abstract namespace), or nil.
    public let socketPath: String?
    /// Half the watchdog timeout, when systemd expects WATCHDOG=1 pings from this process.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let path = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        socketPath = path
        let forUs = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
        if path != nil, forUs, let text = environment["WATCHDOG_USEC"], let usec = Int64(text), usec > 0 {
            watchdogInterval = .microseconds(usec / 2)
        } else {
            watchdogInterval = nil
        }
    }

    /// Whether systemd listens.
    public var isActive: Bool { socketPath != nil }

    /// Sends the given assignments in one datagram; returns false when nothing could be sent.
    @discardableResult
    public func send(_ assignments: String...) -> Bool {
        send(lines: assignments)
    }

    /// RELOADING=1 with the monotonic time systemd 253+ asks for.
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let usec = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
        send(lines: ["RELOADING=1", "MONOTONIC_USEC=\(usec)"])
    }

    @discardableResult
    public func send(lines: [String]) -> Bool {
        guard let socketPath else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(socketPath.utf8)
        let abstract = path.first == UInt8(ascii: "@")
        if abstract { path[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path)
        }
        let length = MemoryLayout<sa_family_t>.size + path.count + (abstract ? 0 : 1)
        let message = Array(lines.joined(separator: "\n").utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                message.withUnsafeBytes { bytes in
                    sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), socketAddress, socklen_t(length))
                }
            }
        }
        return sent == message.count
    }
}
