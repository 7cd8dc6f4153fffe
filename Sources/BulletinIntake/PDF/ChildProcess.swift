import Foundation
import Glibc

/// Runs a program with posix_spawn: an argument vector (never a shell), standard input, output and
/// error on /dev/null, a deadline, and a guard that may stop it early.
///
/// Foundation's `Process` leaks a little on every run on Linux (LeakSanitizer shows it), which a
/// service that converts PDFs for months cannot afford.
enum ChildProcess {
    enum Outcome: Equatable {
        case exited(Int32)
        case killed(reason: String)
    }

    /// Runs `executable` and waits for it; `stop` is asked every 10 ms whether to kill it early.
    static func run(
        _ executable: String, _ arguments: [String], timeout: TimeInterval, stop: () -> String? = { nil }
    ) throws -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard status == 0 else {
            throw IntakeError.unsupportedFormat(
                "\(executable) could not be started (\(String(cString: strerror(status))))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            var waitStatus: Int32 = 0
            let done = waitpid(pid, &waitStatus, WNOHANG)
            if done == pid {
                // WIFEXITED / WEXITSTATUS, which Swift does not import as macros
                let exited = waitStatus & 0x7F == 0
                return exited
                    ? .exited((waitStatus >> 8) & 0xFF) : .killed(reason: "stopped by signal \(waitStatus & 0x7F)")
            }
            if done == -1 && errno != EINTR { return .killed(reason: "lost track of the child process") }
            let reason = Date() > deadline ? "took longer than \(Int(timeout)) s" : stop()
            if let reason {
                kill(pid, SIGKILL)
                var ignored: Int32 = 0
                _ = waitpid(pid, &ignored, 0)
                return .killed(reason: reason)
            }
            usleep(10_000)
        }
    }
}
