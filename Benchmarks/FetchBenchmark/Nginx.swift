import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway nginx on 127.0.0.1 serving one page, in a folder of its own.
final class Nginx {
    let base: String
    private let folder: URL
    private let pid: pid_t

    init(pageBytes: Int) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-nginx-\(getpid())")
        let www = folder.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
        let sentence = Array("<p>全年地区生产总值1609亿元，比上年增长5.2%。</p>\n".utf8)
        let page = (0..<pageBytes).map { sentence[$0 % sentence.count] }
        try Data(page).write(to: www.appendingPathComponent("page.html"))
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
              types { text/html html; }
              server { listen 127.0.0.1:\(port); root \(www.path); }
            }
            """
        let configFile = folder.appendingPathComponent("nginx.conf")
        try config.write(to: configFile, atomically: true, encoding: .utf8)
        let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let binary else {
            throw FetchBenchmark.Failure.nginx("nginx is not installed (apt-get install nginx-light)")
        }
        pid = try Spawn.start(binary, ["nginx", "-p", path, "-c", configFile.path, "-e", "\(path)/error.log"])
        for _ in 0..<100 where !Self.listening(port) { usleep(20_000) }
        guard Self.listening(port) else {
            throw FetchBenchmark.Failure.nginx("nginx did not start; see \(path)/error.log")
        }
    }

    func stop() {
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
                    throw FetchBenchmark.Failure.nginx("no free port")
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

/// posix_spawn without a shell.
enum Spawn {
    static func start(_ executable: String, _ arguments: [String], stdout: Int32? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdout { posix_spawn_file_actions_adddup2(&actions, stdout, 1) }
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard status == 0 else { throw FetchBenchmark.Failure.nginx("cannot start \(executable): \(status)") }
        return pid
    }

    /// Runs to the end; returns standard output and the child's peak RSS in KB.
    ///
    /// The peak is VmHWM read from /proc while the child runs: wait4's ru_maxrss would count
    /// this process's own size, which a spawned child inherits until exec.
    static func capture(_ executable: String, _ arguments: [String]) throws -> (String, Int) {
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
    static func highWater(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
