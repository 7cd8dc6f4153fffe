#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A program to start with posix_spawn: an argument vector (never a shell), where its standard
/// streams go, and its environment. posix_spawn's errors come back once, as ``SpawnError``.
///
/// Foundation's `Process` leaks a little on every run on Linux (LeakSanitizer shows it), which a
/// service that runs converters and notification commands for months cannot afford.
///
/// ```swift
/// var pdftotext = ChildProcess("/usr/bin/pdftotext", ["-enc", "UTF-8", "in.pdf", "out.txt"])
/// switch try pdftotext.run(timeout: .seconds(30)) {
/// case .exited(0): print("converted")
/// case let outcome: print("failed: \(outcome)")
/// }
/// ```
public struct ChildProcess: Sendable {
    /// Where a standard stream goes.
    public enum Stream: Sendable, Equatable {
        /// The parent's own.
        case inherit
        /// /dev/null.
        case null
        /// An open descriptor of the parent, duplicated.
        case descriptor(Int32)
        /// A file, created or truncated.
        case file(String)
    }

    /// How a run ended.
    public enum Outcome: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)
        /// Killed by ``run(timeout:stop:)``: its deadline passed, or `stop` gave this reason.
        case killed(reason: String)

        public var description: String {
            switch self {
            case .exited(let code): "exited with \(code)"
            case .signalled(let signal): "was killed by signal \(signal)"
            case .killed(let reason): reason
            }
        }
    }

    /// The program: a path, or a name looked up in PATH when `searchPath` is set.
    public var executable: String
    /// The arguments after the program's name.
    public var arguments: [String]
    public var standardInput: Stream = .null
    public var standardOutput: Stream = .null
    public var standardError: Stream = .null
    /// `NAME=value` entries; nil inherits the parent's environment.
    public var environment: [String]?
    /// Look `executable` up in PATH (posix_spawnp).
    public var searchPath = false

    public init(_ executable: String, _ arguments: [String] = []) {
        self.executable = executable
        self.arguments = arguments
    }

    /// Starts the program and returns at once.
    public func start() throws(SpawnError) -> RunningProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (fd, stream) in [(Int32(0), standardInput), (1, standardOutput), (2, standardError)] {
            switch stream {
            case .inherit: break
            case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
            case .descriptor(let source): posix_spawn_file_actions_adddup2(&actions, source, fd)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let env = environment.map { $0.map { strdup($0) } + [nil] }
        defer {
            for pointer in argv + (env ?? []) { free(pointer) }
        }
        var pid: pid_t = 0
        let status = (env ?? []).withUnsafeBufferPointer { custom -> Int32 in
            let envp = environment == nil ? environ : UnsafeMutablePointer(mutating: custom.baseAddress!)
            return searchPath
                ? posix_spawnp(&pid, executable, &actions, nil, argv, envp)
                : posix_spawn(&pid, executable, &actions, nil, argv, envp)
        }
        guard status == 0 else { throw SpawnError(program: executable, code: status) }
        return RunningProcess(pid: pid)
    }

    /// Starts the program and waits for it, killing it when `timeout` passes or when `stop`
    /// (asked every 5 ms) gives a reason.
    public func run(timeout: Duration? = nil, stop: () -> String? = { nil }) throws(SpawnError) -> Outcome {
        let process = try start()
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while true {
            if let outcome = process.poll() { return outcome }
            var reason: String? = nil
            if let deadline, let timeout, ContinuousClock.now > deadline {
                reason = "took longer than \(Self.format(timeout))"
            } else {
                reason = stop()
            }
            if let reason {
                process.kill()
                _ = process.wait()
                return .killed(reason: reason)
            }
            usleep(5_000)
        }
    }
}

extension ChildProcess {
    /// "300 ms", "30 s".
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return seconds < 1 ? "\(attoseconds / 1_000_000_000_000_000) ms" : "\(seconds) s"
    }
}

/// posix_spawn could not start a program.
public struct SpawnError: Error, CustomStringConvertible {
    public let program: String
    /// The errno posix_spawn returned.
    public let code: Int32

    public var description: String { "cannot run \(program): \(String(cString: strerror(code)))" }
}
