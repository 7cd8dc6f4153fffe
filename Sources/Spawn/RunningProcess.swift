#if canImport(Glibc)
    public import Glibc
#elseif canImport(Darwin)
    public import Darwin
#endif

/// A started child process, to poll, wait for or kill. Waiting reaps it; do it once.
///
/// ```swift
/// let server = try ChildProcess("/usr/sbin/nginx", ["-c", path]).start()
/// defer { server.kill(SIGTERM); _ = server.wait() }
/// ```
public struct RunningProcess: Sendable {
    public let pid: pid_t

    /// The outcome if the process has ended (reaping it), nil while it runs.
    public func poll() -> ChildProcess.Outcome? {
        var status: Int32 = 0
        let done = waitpid(pid, &status, WNOHANG)
        if done == pid { return Self.outcome(status) }
        if done == -1 && errno != EINTR { return .killed(reason: "lost track of process \(pid)") }
        return nil
    }

    /// Waits until the process ends.
    public func wait() -> ChildProcess.Outcome {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return .killed(reason: "lost track of process \(pid)") }
        }
        return Self.outcome(status)
    }

    /// Sends `signal` (SIGKILL unless told otherwise); false when the process is gone.
    @discardableResult
    public func kill(_ signal: Int32 = SIGKILL) -> Bool {
        #if canImport(Glibc)
            Glibc.kill(pid, signal) == 0
        #else
            Darwin.kill(pid, signal) == 0
        #endif
    }

    /// WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
    static func outcome(_ status: Int32) -> ChildProcess.Outcome {
        status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signalled(status & 0x7F)
    }
}
