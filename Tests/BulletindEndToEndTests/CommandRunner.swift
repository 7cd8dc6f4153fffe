import Foundation
import XCTest

/// Runs the built `bulletind` binary, as a user would.
struct CommandRunner {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Standard output exactly as written (String(contentsOf:) drops a byte-order mark).
        var stdoutBytes: Data = Data()
    }

    /// The package's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// ../shared beside the checkout, where CI puts it.
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// The `bulletind` next to the test bundle (`swift build` puts both in the same folder).
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["BULLETIND_BINARY"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0])
        candidates.append(testBinary.deletingLastPathComponent().appendingPathComponent("bulletind"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/bulletind"))
        for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) { return url }
        throw XCTSkip("bulletind binary not built; run `swift build` first")
    }

    static func run(_ arguments: [String], stdin: Data? = nil, timeout: TimeInterval = 60) throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bulletind-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = ["in", "out", "err"].map { folder.appendingPathComponent($0) }
        try (stdin ?? Data()).write(to: paths[0])
        for path in paths.dropFirst() { _ = FileManager.default.createFile(atPath: path.path, contents: nil) }
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: paths[0])
        process.standardOutput = try FileHandle(forWritingTo: paths[1])
        process.standardError = try FileHandle(forWritingTo: paths[2])
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            XCTFail("bulletind \(arguments) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: try String(contentsOf: paths[1], encoding: .utf8),
            stderr: try String(contentsOf: paths[2], encoding: .utf8), stdoutBytes: try Data(contentsOf: paths[1]))
    }
}
