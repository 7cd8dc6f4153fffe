public import Foundation
import Spawn

#if canImport(Glibc)
    import Glibc
#endif

/// Why a benchmark could not run.
public struct BenchmarkFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A throwaway nginx on 127.0.0.1 serving a folder (with ETag and Last-Modified, so conditional
/// requests get 304s), its own files in a folder of its own.
public final class Nginx {
    public let base: String
    private let folder: URL
    private let pid: pid_t

    /// One page of `pageBytes` at /page.html.
    public convenience init(pageBytes: Int) throws {
        let www = FileManager.default.temporaryDirectory.appendingPathComponent("bench-www-\(getpid())")
        try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
        let sentence = Array("<p>全年地区生产总值1609亿元，比上年增长5.2%。</p>\n".utf8)
        let page = (0..<pageBytes).map { sentence[$0 % sentence.count] }
        try Data(page).write(to: www.appendingPathComponent("page.html"))
        try self.init(serving: www)
    }

    /// Serves the files of `www`.
    public init(serving www: URL) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-nginx-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let port = try Self.freePort()
        base = "http://127.0.0.1:\(port)"
        let path = folder.path
        let config = """
            daemon off; master_process off; worker_processes 1;
            pid \(path)/nginx.pid; error_log \(path)/error.log;
            events { worker_connections 1024; }
            http {
              access_log off; keepalive_requests 100000;
              client_body_temp_path \(path)/t1; proxy_temp_path \(path)/t2; fastcgi_temp_path \(path)/t3;
              uwsgi_temp_path \(path)/t4; scgi_temp_path \(path)/t5;
              types { text/html html; text/plain txt; }
              server { listen 127.0.0.1:\(port); root \(www.path); }
            }
            """
        let configFile = folder.appendingPathComponent("nginx.conf")
        try config.write(to: configFile, atomically: true, encoding: .utf8)
        let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let binary else {
            throw BenchmarkFailure("nginx is not installed (apt-get install nginx-light)")
        }
        pid = try Programs.start(binary, ["nginx", "-p", path, "-c", configFile.path, "-e", "\(path)/error.log"])
        for _ in 0..<100 where !Self.listening(port) { usleep(20_000) }
        guard Self.listening(port) else {
            throw BenchmarkFailure("nginx did not start; see \(path)/error.log")
        }
    }

    public func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        try? FileManager.default.removeItem(at: folder)
    }

    private static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) {
            try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                guard bind(fd, $0, length) == 0, getsockname(fd, $0, &length) == 0 else {
                    throw BenchmarkFailure("no free port")
                }
            }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    private static func listening(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// Programs the benchmarks start, through the `Spawn` module's ``ChildProcess``.
public enum Programs {
    /// Starts `arguments` (the program's name first) with its output where given, else inherited.
    public static func start(
        _ executable: String, _ arguments: [String], stdout: Int32? = nil, stderr: Int32? = nil
    ) throws -> pid_t {
        var program = ChildProcess(executable, Array(arguments.dropFirst()))
        program.standardInput = .inherit
        program.standardOutput = stdout.map { .descriptor($0) } ?? .inherit
        program.standardError = stderr.map { .descriptor($0) } ?? .inherit
        do {
            return try program.start().pid
        } catch {
            throw BenchmarkFailure("\(error)")
        }
    }

    /// Runs to the end; returns standard output and the child's peak RSS in KB.
    ///
    /// The peak is VmHWM read from /proc while the child runs: wait4's ru_maxrss would count
    /// this process's own size, which a spawned child inherits until exec.
    public static func capture(_ executable: String, _ arguments: [String]) throws -> (String, Int) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bench-out-\(getpid())")
        defer { try? FileManager.default.removeItem(at: file) }
        let fd = open(file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let pid = try start(executable, arguments, stdout: fd)
        close(fd)
        var status: Int32 = 0
        var peak = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            peak = max(peak, highWater(of: pid))
            usleep(20_000)
        }
        return (try String(contentsOf: file, encoding: .utf8), peak)
    }

    /// VmHWM of a running process, in KB (0 once it has gone).
    public static func highWater(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

/// What one run of a command cost.
public struct Measured: Sendable {
    /// Wall-clock seconds.
    public var wall: Double
    /// User plus system CPU seconds.
    public var cpu: Double
    /// Peak resident set, in KB (VmHWM while it ran).
    public var peakKB: Int
    public var status: Int32
}

extension Programs {
    /// Runs a command to the end with its output sent to `log`, measuring wall time, CPU time
    /// (from wait4) and peak RSS.
    public static func measure(_ executable: String, _ arguments: [String], log: String) throws -> Measured {
        let fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(fd) }
        let started = DispatchTime.now()
        let pid = try start(executable, arguments, stdout: fd, stderr: fd)
        var status: Int32 = 0
        var usage = rusage()
        var peak = 0
        while wait4(pid, &status, WNOHANG, &usage) == 0 {
            peak = max(peak, highWater(of: pid))
            usleep(5_000)
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Measured(
            wall: wall, cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), peakKB: max(peak, usage.ru_maxrss),
            status: exit)
    }
}
