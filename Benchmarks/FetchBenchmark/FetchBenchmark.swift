import BenchmarkSupport
import BulletinFetch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `make bench`: 2,000 fetches of a 100 KB page from a local nginx, 16 at once, through our
/// Fetcher and through `curl --parallel --parallel-max 16`, side by side. Figures, not a test.
@main
struct FetchBenchmark {
    static func main() async throws {
        let options = Options(CommandLine.arguments.dropFirst())
        if !options.defaultAllocator { MemoryTuning.retainFreedMemory() }  // as the bulletind binary does
        let nginx = try Nginx(pageBytes: options.pageBytes)
        defer { nginx.stop() }
        let urls = (0..<options.fetches).map { "\(nginx.base)/page.html?n=\($0)" }
        print(
            "fetch benchmark: \(options.fetches) fetches of \(options.pageBytes / 1024) KB, \(options.parallel) at once,"
        )
        print(
            "  nginx \(nginx.base), median of \(options.runs) runs each; latency is each transfer's total by curl's timer"
        )

        var ours: [Run] = []
        var theirs: [Run] = []
        for _ in 0..<options.runs {
            ours.append(try await fetchAll(urls, parallel: options.parallel))
            theirs.append(try curlAll(urls, parallel: options.parallel))
        }
        report("bulletind", ours)
        report("curl", theirs)
        let ratio = median(ours.map(\.requestsPerSecond)) / median(theirs.map(\.requestsPerSecond))
        print(String(format: "  throughput relative to curl: %.0f%% (goal >= 80%%)", ratio * 100))
        print("  peak RSS of this process (Fetcher, all runs): \(residentHighWater() / 1024) MB (goal < 64 MB)")
    }

    struct Run {
        var seconds: Double
        var latencies: [Double]
        var peakKB: Int
        var requestsPerSecond: Double { Double(latencies.count) / seconds }
    }

    /// Our Fetcher: `parallel` workers, each fetching the next URL until none are left.
    static func fetchAll(_ urls: [String], parallel: Int) async throws -> Run {
        let fetcher = try Fetcher(maxConcurrent: parallel, maxPerHost: parallel)
        defer { fetcher.shutdown() }
        let next = Counter()
        let callerSide = Samples()
        let start = Date()
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<parallel {
                group.addTask {
                    var mine: [Double] = []
                    while let index = next.take(below: urls.count) {
                        let begun = Date()
                        let response = try await fetcher.fetch(FetchRequest(url: urls[index]))
                        guard response.status == 200, response.body.count > 0 else { throw Failure.badResponse }
                        let total = response.timings.total.components
                        mine.append(Double(total.seconds) + Double(total.attoseconds) / 1e18)
                        callerSide.add(Date().timeIntervalSince(begun))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let seconds = Date().timeIntervalSince(start)
        let waits = callerSide.values
        print(
            String(
                format: "  (bulletind as the caller sees it, queue and task hop included: p50 %.2f ms, p99 %.2f ms)",
                percentile(waits, 0.5) * 1000, percentile(waits, 0.99) * 1000))
        return Run(seconds: seconds, latencies: latencies, peakKB: residentHighWater())
    }

    /// curl itself, reading the URLs from a config file, printing each transfer's time.
    static func curlAll(_ urls: [String], parallel: Int) throws -> Run {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("bench-curl-\(getpid()).conf")
        defer { try? FileManager.default.removeItem(at: config) }
        try urls.map { "url = \"\($0)\"\noutput = \"/dev/null\"\n" }.joined().write(
            to: config, atomically: true, encoding: .utf8)
        let start = Date()
        let (output, peakKB) = try Programs.capture(
            "/usr/bin/curl",
            [
                "curl", "--silent", "--no-progress-meter", "--parallel", "--parallel-max", "\(parallel)", "--config",
                config.path,
                "--write-out", "%{time_total}\n",
            ])
        let seconds = Date().timeIntervalSince(start)
        let latencies = output.split(separator: "\n").compactMap { Double($0) }
        guard latencies.count == urls.count else { throw Failure.curl("\(latencies.count) of \(urls.count) done") }
        return Run(seconds: seconds, latencies: latencies, peakKB: peakKB)
    }

    static func report(_ name: String, _ runs: [Run]) {
        let rps = median(runs.map(\.requestsPerSecond))
        let p50 = median(runs.map { percentile($0.latencies, 0.50) }) * 1000
        let p99 = median(runs.map { percentile($0.latencies, 0.99) }) * 1000
        let peak = runs.map(\.peakKB).max() ?? 0
        print(
            String(
                format: "  %-9@  %7.0f req/s   p50 %6.2f ms   p99 %6.2f ms   peak RSS %5.1f MB",
                name, rps, p50, p99, Double(peak) / 1024))
    }

    static func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }

    static func residentHighWater() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
    }

    enum Failure: Error {
        case badResponse
        case curl(String)
        case nginx(String)
    }
}

/// Latencies gathered by the workers.
final class Samples: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Double] = []

    func add(_ value: Double) { lock.withLock { stored.append(value) } }
    var values: [Double] { lock.withLock { stored } }
}

/// The next index to fetch, shared by the workers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}

struct Options {
    var fetches = 2000
    var parallel = 16
    var runs = 5
    var pageBytes = 100 * 1024
    var defaultAllocator = false

    init(_ arguments: ArraySlice<String>) {
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            if flag == "--default-allocator" {
                defaultAllocator = true
                continue
            }
            let value = iterator.next().flatMap { Int($0) }
            switch (flag, value) {
            case ("--fetches", let v?): fetches = v
            case ("--parallel", let v?): parallel = v
            case ("--runs", let v?): runs = v
            case ("--page-kb", let v?): pageBytes = v * 1024
            default:
                fatalError(
                    "usage: FetchBenchmark [--fetches N] [--parallel N] [--runs N] [--page-kb N] [--default-allocator]")
            }
        }
    }
}
