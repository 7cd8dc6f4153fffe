import BulletinParser
import BulletinStore
import Foundation

/// `make bench`: 10,000 versions into a fresh store (time, store size against raw size), then one
/// indicator's history over 1,000 versions. Figures, not a test.
@main
struct StoreBenchmark {
    static func main() throws {
        var versions = 10_000
        var seeds: [String] = []
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            if argument == "--versions", let value = arguments.next().flatMap(Int.init) {
                versions = value
            } else {
                seeds.append(argument)
            }
        }
        let base = try seeds.map { try String(contentsOfFile: $0, encoding: .utf8) }.joined(separator: "\n")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-store-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SnapshotStore(directory: directory)
        let parser = BulletinParser()

        // Ten sources, each revised 1,000 times: every version changes one figure in twenty.
        var raw = 0
        var indicatorTotal = 0
        var recordSeconds: [Double] = []
        var parseSeconds = 0.0
        let start = Date()
        for n in 0..<versions {
            let text = revision(of: base, number: n / 10) + "\n（第\(n / 10)次修订）"
            let parseStart = Date()
            let indicators = try parser.parse(text: text).indicators
            indicatorTotal += indicators.count
            parseSeconds += Date().timeIntervalSince(parseStart)
            let snapshot = Snapshot(
                sourceId: "source-\(n % 10)", url: "https://example.gov.cn/\(n % 10).html", content: Array(text.utf8),
                indicators: indicators)
            raw += snapshot.content.count
            let recordStart = Date()
            _ = try store.record(snapshot)
            recordSeconds.append(Date().timeIntervalSince(recordStart))
        }
        let total = Date().timeIntervalSince(start)
        let size = try folderSize(directory)
        let blobSize = try folderSize(directory + "/blobs")
        recordSeconds.sort()
        print("store benchmark: \(versions) versions of \(raw / versions / 1024) KB documents, 10 sources")
        print(
            String(
                format:
                    "  ingest      %.1f s in all (%.1f s of it parsing); record() p50 %.2f ms, p99 %.2f ms, %.0f versions/s",
                total, parseSeconds, recordSeconds[recordSeconds.count / 2] * 1000,
                recordSeconds[recordSeconds.count * 99 / 100] * 1000, Double(versions) / (total - parseSeconds)))
        print(
            String(
                format: "  size        store %.1f MB for %.1f MB of documents (%.0f%%): blobs %.1f MB (%.0f%% of raw), "
                    + "index %.1f MB (%d indicators and %d outbox events)",
                Double(size) / 1_048_576, Double(raw) / 1_048_576, Double(size) / Double(raw) * 100,
                Double(blobSize) / 1_048_576, Double(blobSize) / Double(raw) * 100,
                Double(size - blobSize) / 1_048_576, indicatorTotal, try store.events(limit: Int.max).count))

        var historySeconds: [Double] = []
        var rows = 0
        for _ in 0..<7 {
            let historyStart = Date()
            let history = try store.history(of: "source-0", indicator: "地区生产总值")
            historySeconds.append(Date().timeIntervalSince(historyStart))
            rows = history.reduce(0) { $0 + $1.indicators.count }
        }
        historySeconds.sort()
        let count = try store.versions(of: "source-0").count
        print(
            String(
                format: "  history     one indicator over %d versions (%d rows): median %.1f ms of 7",
                count, rows, historySeconds[3] * 1000))
    }

    /// The seed text with one figure in twenty changed by `number`: a revision, as sources make them.
    static func revision(of text: String, number: Int) -> String {
        var out = ""
        var digits = ""
        var figure = 0
        func flush() {
            guard !digits.isEmpty else { return }
            figure += 1
            let changed = (figure + number) % 20 == 0
            out += changed ? String((Int(digits) ?? 0) + 1 + number % 5) : digits
            digits = ""
        }
        for character in text {
            if character.isASCII && character.isNumber {
                digits.append(character)
                continue
            }
            flush()
            out.append(character)
        }
        flush()
        return out
    }

    static func folderSize(_ path: String) throws -> Int {
        var total = 0
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let entry = enumerator?.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(path)/\(entry)")
            if attributes[.type] as? FileAttributeType == .typeRegular { total += attributes[.size] as? Int ?? 0 }
        }
        return total
    }
}
