import BenchmarkSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `make bench`: 1,000 sources on a local nginx. `bulletind run --once` for a first full pass
/// (fetch, parse, store 1,000 documents) and for an unchanged pass (every answer a 304), each from
/// a fresh state; then urlwatch 2.29 over the same URLs, first pass and unchanged pass. Wall time,
/// CPU time and peak RSS, medians of the runs. Figures, not a test.
@main
struct DaemonBenchmark {
    static func main() throws {
        let options = try Options(CommandLine.arguments.dropFirst())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-daemon-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let www = folder.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
        let names = try writeDocuments(into: www, count: options.sources, from: options.examples)
        let nginx = try Nginx(serving: www)
        defer { nginx.stop() }
        let urls = names.map { "\(nginx.base)/\($0)" }
        print("daemon benchmark: \(options.sources) sources on nginx \(nginx.base), median of \(options.runs) runs")

        var ours: [String: [Measured]] = [:]
        var theirs: [String: [Measured]] = [:]
        for run in 0..<options.runs {
            let state = folder.appendingPathComponent("state-\(run)")
            let config = folder.appendingPathComponent("bulletind-\(run).yaml")
            try bulletindConfig(urls, state: state.path).write(to: config, atomically: true, encoding: .utf8)
            for pass in ["first", "unchanged"] {
                let log = folder.appendingPathComponent("bulletind-\(run)-\(pass).log").path
                let measured = try Programs.measure(
                    options.bulletind,
                    ["bulletind", "run", "--config", config.path, "--once", "--log-level", "warning"],
                    log: log)
                let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                let expected = pass == "first" ? "\(urls.count) new versions" : "\(urls.count) unchanged"
                guard measured.status == 0, output.contains(expected) else {
                    throw BenchmarkFailure("bulletind \(pass) pass: exit \(measured.status): \(output.suffix(500))")
                }
                ours[pass, default: []].append(measured)
            }
            guard let urlwatch = options.urlwatch else { continue }
            let jobs = folder.appendingPathComponent("urls-\(run).yaml")
            try urls.map { "url: \"\($0)\"\n" }.joined(separator: "---\n").write(
                to: jobs, atomically: true, encoding: .utf8)
            for pass in ["first", "unchanged"] {
                let log = folder.appendingPathComponent("urlwatch-\(run)-\(pass).log").path
                let measured = try Programs.measure(
                    urlwatch,
                    [
                        "urlwatch", "--urls", jobs.path, "--config",
                        folder.appendingPathComponent("urlwatch-\(run).yaml").path,
                        "--cache", folder.appendingPathComponent("cache-\(run).db").path,
                        "--hooks", folder.appendingPathComponent("hooks.py").path,
                    ], log: log)
                guard measured.status == 0 else {
                    let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                    throw BenchmarkFailure("urlwatch \(pass) pass: exit \(measured.status): \(output.suffix(500))")
                }
                theirs[pass, default: []].append(measured)
            }
        }
        print("  tool        pass         wall s    cpu s  peak RSS MB")
        for pass in ["first", "unchanged"] {
            report("bulletind", pass, ours[pass] ?? [])
            if let runs = theirs[pass] { report("urlwatch", pass, runs) }
        }
        for pass in ["first", "unchanged"] {
            guard let a = ours[pass], let b = theirs[pass] else { continue }
            let ratio = median(b.map(\.wall)) / median(a.map(\.wall))
            print("  \(pass) pass: bulletind " + String(format: "%.1f", ratio) + "× as fast as urlwatch (wall time)")
        }
        if theirs.isEmpty { print("  urlwatch not run (give --urlwatch PATH; `make bench` installs it)") }
        print("  goals: unchanged pass <= 5 s, >= 10× faster than urlwatch, peak RSS <= 200 MB (stretch 64 MB)")
    }

    static func report(_ tool: String, _ pass: String, _ runs: [Measured]) {
        func pad(_ text: String) -> String { text + String(repeating: " ", count: max(0, 12 - text.count)) }
        let figures = String(
            format: "%7.2f  %7.2f  %9.1f", median(runs.map(\.wall)), median(runs.map(\.cpu)),
            median(runs.map { Double($0.peakKB) / 1024 }))
        print("  " + pad(tool) + pad(pass) + figures)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// `count` distinct documents made from the example bulletins: each gets its own serial
    /// number and its figures shifted, so no two share content.
    static func writeDocuments(into www: URL, count: Int, from examples: [String]) throws -> [String] {
        let texts = try examples.map { try String(contentsOfFile: $0, encoding: .utf8) }
        guard !texts.isEmpty else { throw BenchmarkFailure("give example bulletins (Examples/bulletins/*.txt)") }
        return try (0..<count).map { index in
            let base = texts[index % texts.count]
            let text = base.replacingOccurrences(of: "2023年", with: "\(2000 + index % 24)年") + "\n（第\(index)号）\n"
            let name = "bulletin-\(index).txt"
            try text.write(to: www.appendingPathComponent(name), atomically: true, encoding: .utf8)
            return name
        }
    }

    static func bulletindConfig(_ urls: [String], state: String) -> String {
        // One host stands for many here, so the per-host limit is the global one.
        var yaml = "state_directory: \(state)\nfetch: {concurrency: 8, per_host: 8}\nsources:\n"
        for (index, url) in urls.enumerated() {
            yaml += "  - {id: source-\(index), url: \"\(url)\", every: 1h}\n"
        }
        return yaml
    }

    struct Options {
        var sources = 1000
        var runs = 3
        var bulletind = ".build/release/bulletind"
        var urlwatch: String?
        var examples: [String] = []

        init(_ arguments: ArraySlice<String>) throws {
            var rest = arguments
            while let argument = rest.popFirst() {
                switch argument {
                case "--sources": sources = Int(rest.popFirst() ?? "") ?? sources
                case "--runs": runs = Int(rest.popFirst() ?? "") ?? runs
                case "--bulletind": bulletind = rest.popFirst() ?? bulletind
                case "--urlwatch": urlwatch = rest.popFirst()
                default: examples.append(argument)
                }
            }
            if let urlwatch, !FileManager.default.isExecutableFile(atPath: urlwatch) {
                throw BenchmarkFailure("no urlwatch at \(urlwatch)")
            }
        }
    }
}
