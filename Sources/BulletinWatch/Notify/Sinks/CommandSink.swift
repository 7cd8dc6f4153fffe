public import BulletinStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program (an argument vector, never a shell) with the events' JSON on standard input, one
/// line each, and BULLETIND_EVENT_TYPE / BULLETIND_EVENT_ID in its environment. Exit 0 delivers;
/// anything else, or running past the timeout (then it is killed), is retried.
public struct CommandSink: NotificationSink {
    var argv: [String]
    var timeout: Duration

    public func deliver(_ events: [Event], payloads: [String]) async throws(DeliveryFailure) {
        let input = Array(payloads.map { $0 + "\n" }.joined().utf8)
        let environment = [
            "BULLETIND_EVENT_TYPE=\(events.count == 1 ? events[0].type : "digest")",
            "BULLETIND_EVENT_ID=\(events.map(\.id).joined(separator: ","))",
        ]
        let (argv, timeout) = (self.argv, self.timeout)
        let result: Result<Void, DeliveryFailure> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    returning: Result { () throws(DeliveryFailure) in
                        try Self.run(argv, input: input, environment: environment, timeout: timeout)
                    })
            }
        }
        try result.get()
    }

    static func run(_ argv: [String], input: [UInt8], environment: [String], timeout: Duration) throws(DeliveryFailure)
    {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var inputPath = Array("\(folder)/bulletind-command-XXXXXX".utf8CString)
        var errorPath = Array("\(folder)/bulletind-stderr-XXXXXX".utf8CString)
        let inputFD = mkstemp(&inputPath)
        let errorFD = mkstemp(&errorPath)
        defer {
            for (fd, path) in [(inputFD, inputPath), (errorFD, errorPath)] where fd >= 0 {
                close(fd)
                unlink(path)
            }
        }
        guard inputFD >= 0, errorFD >= 0 else { throw DeliveryFailure("cannot make a temporary file in \(folder)") }
        _ = input.withUnsafeBytes { write(inputFD, $0.baseAddress, $0.count) }
        lseek(inputFD, 0, SEEK_SET)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputFD, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errorFD, 2)
        let arguments = argv.map { strdup($0) } + [nil]
        var inherited: [UnsafeMutablePointer<CChar>?] = []
        var index = 0
        while let entry = environ[index] {
            let text = String(cString: entry)
            if !text.hasPrefix("BULLETIND_EVENT_") { inherited.append(strdup(entry)) }
            index += 1
        }
        let env = inherited + environment.map { strdup($0) } + [nil]
        defer { for pointer in arguments + env { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, argv[0], &actions, nil, arguments, env)
        guard status == 0 else {
            throw DeliveryFailure("cannot run \(argv[0]): \(String(cString: strerror(status)))", permanent: true)
        }
        let deadline = ContinuousClock.now + timeout
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, WNOHANG) == 0 {
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &waitStatus, 0)
                throw DeliveryFailure("\(argv[0]) took longer than \(DurationText.format(timeout)); killed")
            }
            usleep(5_000)
        }
        let exited = waitStatus & 0x7F == 0
        let code = (waitStatus >> 8) & 0xFF
        guard exited && code == 0 else {
            var buffer = [UInt8](repeating: 0, count: 2048)
            let count = pread(errorFD, &buffer, buffer.count, 0)
            let said =
                String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
                .split(separator: "\n").last.map { ": \($0)" } ?? ""
            let how = exited ? "exited with \(code)" : "was killed by signal \(waitStatus & 0x7F)"
            throw DeliveryFailure("\(argv[0]) \(how)\(said)")
        }
    }
}
