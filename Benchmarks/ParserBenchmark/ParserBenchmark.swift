import BulletinParser
import Foundation

/// Parses ≥ 10 MB of report text in one process and prints throughput and peak memory.
///
/// usage: ParserBenchmark [--megabytes N] [--runs N] FILE...
/// The files (our own example bulletins) are repeated, with their figures varied, up to the size.
@main
struct ParserBenchmark {
    static func main() throws {
        var args = Array(CommandLine.arguments.dropFirst())
        var megabytes = 10
        var runs = 5
        var files: [String] = []
        let usage = "usage: ParserBenchmark [--megabytes N] [--runs N] FILE...\n"
        func fail(_ message: String, _ code: Int32 = 2) -> Never {
            FileHandle.standardError.write(message.data(using: .utf8)!)
            exit(code)
        }
        while !args.isEmpty {
            let a = args.removeFirst()
            switch a {
            case "--megabytes", "--runs":
                guard let value = args.first.flatMap({ Int($0) }), value > 0 else {
                    fail("ParserBenchmark: \(a) needs a positive number\n" + usage)
                }
                args.removeFirst()
                if a == "--runs" { runs = value } else { megabytes = value }
            case "--help", "-h":
                print(usage, terminator: "")
                exit(0)
            case let option where option.hasPrefix("-"):
                fail("ParserBenchmark: unknown option \(option)\n" + usage)
            default: files.append(a)
            }
        }
        guard !files.isEmpty else { fail(usage) }
        let seeds = files.map { file in
            do {
                return try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                fail("ParserBenchmark: cannot read \(file) as UTF-8 text\n", 1)
            }
        }
        let text = corpus(from: seeds, bytes: megabytes * 1_000_000)
        let inputBytes = text.utf8.count
        let baseline = residentHighWater()
        var seconds: [Double] = []
        var count = 0
        let parser = BulletinParser()
        let withoutLayout = BulletinParser(options: .init(layout: false))
        var secondsWithoutLayout: [Double] = []
        for _ in 0..<runs {
            // alternate the two settings so both see the same machine noise
            var start = DispatchTime.now().uptimeNanoseconds
            var found = 0
            parser.parse(text: text) { _ in found += 1 }
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            count = found
            start = DispatchTime.now().uptimeNanoseconds
            withoutLayout.parse(text: text) { _ in }
            secondsWithoutLayout.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        secondsWithoutLayout.sort()
        let medianWithout = secondsWithoutLayout[secondsWithoutLayout.count / 2]
        let streamingPeak = residentHighWater()
        let collected = try parser.parse(text: text).indicators.count
        let collectedPeak = residentHighWater()
        seconds.sort()
        let median = seconds[seconds.count / 2]
        let mb = Double(inputBytes) / 1e6
        print(String(format: "input        %.1f MB (%d bytes), %d indicators", mb, inputBytes, count))
        print(
            String(
                format: "throughput   median %.1f MB/s over %d runs (min %.3f s, median %.3f s, max %.3f s)",
                mb / median, runs, seconds.first!, median, seconds.last!))
        print(
            String(
                format: "layout       %.1f MB/s with the layout stage off: the stage adds %.1f%% to parse time",
                mb / medianWithout, (median / medianWithout - 1) * 100))
        print(
            String(
                format:
                    "peak RSS     %.1f MB streaming (parse(text:each:)); input alone %.1f MB; budget 3 x input + 50 = %.1f MB",
                Double(streamingPeak) / 1e6, Double(baseline) / 1e6, 3 * mb + 50))
        print(
            String(
                format: "             %.1f MB holding all %d indicators (parse(text:))", Double(collectedPeak) / 1e6,
                collected))
    }

    /// Repeats the seed documents, shifting every ASCII digit by a pass number so no two copies are equal.
    static func corpus(from seeds: [String], bytes: Int) -> String {
        var out = ""
        out.reserveCapacity(bytes + 100_000)
        var pass = 0
        while out.utf8.count < bytes {
            for seed in seeds {
                var shifted = String.UnicodeScalarView()
                for c in seed.unicodeScalars {
                    if c.isASCII, c.value >= 0x31, c.value <= 0x39 {
                        shifted.append(Unicode.Scalar(0x31 + (c.value - 0x31 + UInt32(pass)) % 9)!)
                    } else {
                        shifted.append(c)
                    }
                }
                out += String(shifted) + "\n\n"
            }
            pass += 1
        }
        return out
    }

    /// VmHWM from /proc/self/status, in bytes: the process's peak resident memory.
    static func residentHighWater() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }
}
