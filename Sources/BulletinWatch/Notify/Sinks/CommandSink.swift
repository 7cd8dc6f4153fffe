public import BulletinStore
import Foundation
import Spawn

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

        var inherited: [String] = []
        var index = 0
        while let entry = environ[index] {
            let text = String(cString: entry)
            if !text.hasPrefix("BULLETIND_EVENT_") { inherited.append(text) }
            index += 1
        }
        var command = ChildProcess(argv[0], Array(argv.dropFirst()))
        command.standardInput = .descriptor(inputFD)
        command.standardError = .descriptor(errorFD)
        command.environment = inherited + environment
        command.searchPath = true
        let outcome: ChildProcess.Outcome
        do {
            outcome = try command.run(timeout: timeout)
        } catch {
            throw DeliveryFailure("\(error)", permanent: true)
        }
        if case .killed = outcome {
            throw DeliveryFailure("\(argv[0]) took longer than \(DurationText.format(timeout)); killed")
        }
        guard outcome != .exited(0) else { return }
        var buffer = [UInt8](repeating: 0, count: 2048)
        let count = pread(errorFD, &buffer, buffer.count, 0)
        let said =
            String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
            .split(separator: "\n").last.map { ": \($0)" } ?? ""
        throw DeliveryFailure("\(argv[0]) \(outcome)\(said)")
    }
}
