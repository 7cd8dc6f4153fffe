import BulletinFetch
import BulletinStore
import Foundation
import Yams

extension WatchConfig {
    /// Reads and checks the config at `path`. Throws a ``ConfigError`` listing every problem.
    public static func load(path: String) throws(ConfigError) -> WatchConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw ConfigError(file: path, problems: [ConfigProblem(path: "", line: nil, message: reason)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, problems: [ConfigProblem(path: "", line: nil, message: "not UTF-8 text")])
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(yaml: text, file: path, relativeTo: base)
    }

    /// Reads a config from YAML text; `relativeTo` resolves relative secret files.
    public static func parse(yaml: String, file: String = "<config>", relativeTo base: String = ".")
        throws(ConfigError) -> WatchConfig
    {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigError(file: file, problems: [yamlProblem(error)])
        }
        let reader = ConfigReader()
        var config = WatchConfig()
        if let root {
            config.read(root, with: reader, base: base)
        } else {
            reader.problem("", nil, "the file is empty")
        }
        guard reader.problems.isEmpty else {
            let ordered = reader.problems.enumerated().sorted { a, b in
                (a.element.line ?? 0, a.offset) < (b.element.line ?? 0, b.offset)
            }
            throw ConfigError(file: file, problems: ordered.map(\.element))
        }
        return config
    }

    private static func yamlProblem(_ error: any Error) -> ConfigProblem {
        guard let error = error as? YamlError else {
            return ConfigProblem(path: "", line: nil, message: "not valid YAML: \(error)")
        }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ConfigProblem(path: "", line: mark.line, message: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.joined(separator: ", ")
            return ConfigProblem(path: "", line: context.mark.line, message: "a setting given twice: \(keys)")
        default:
            let first = "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
            return ConfigProblem(path: "", line: nil, message: "not valid YAML: \(first)")
        }
    }

    private mutating func read(_ root: Node, with reader: ConfigReader, base: String) {
        let keys = ["state_directory", "log_level", "time_zone", "fetch", "retry", "retention", "sources", "notify"]
        guard let top = reader.table(root, "", keys: keys) else { return }
        if let directory = reader.string(top, "state_directory") {
            if directory.isEmpty { reader.problem("state_directory", top.entries["state_directory"], "empty") }
            stateDirectory = directory
        }
        if let level = reader.string(top, "log_level") {
            if Self.logLevels.contains(level) {
                logLevel = level
            } else {
                reader.problem(
                    "log_level", top.entries["log_level"], "expected one of \(Self.logLevels.joined(separator: ", "))")
            }
        }
        if let zone = reader.string(top, "time_zone") {
            if let parsed = TimeZone(identifier: zone) {
                timeZone = parsed
            } else {
                reader.problem(
                    "time_zone", top.entries["time_zone"], "unknown time zone \"\(zone)\" (as in Asia/Shanghai)")
            }
        }
        if let node = top.entries["fetch"] { fetch.read(node, with: reader) }
        if let node = top.entries["retry"] { retry.read(node, with: reader) }
        if let node = top.entries["retention"] { retention.read(node, with: reader) }
        if let nodes = reader.list(top, "sources") { readSources(nodes, with: reader) }
        if let nodes = reader.list(top, "notify") { readSinks(nodes, with: reader, base: base) }
    }

    /// The levels `log_level` and `--log-level` take.
    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    private mutating func readSources(_ nodes: [Node], with reader: ConfigReader) {
        var seen: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            let path = "sources[\(index)]"
            guard let source = SourceConfig.read(node, path: path, with: reader) else { continue }
            if let first = seen[source.id] {
                reader.problem("\(path).id", node, "\"\(source.id)\" is already the id of sources[\(first)]")
                continue
            }
            seen[source.id] = index
            sources.append(source)
        }
    }

    private mutating func readSinks(_ nodes: [Node], with reader: ConfigReader, base: String) {
        var counts: [String: Int] = [:]
        var names: Set<String> = []
        for (index, node) in nodes.enumerated() {
            let path = "notify[\(index)]"
            guard var sink = SinkConfig.read(node, path: path, with: reader, base: base) else { continue }
            counts[sink.type, default: 0] += 1
            if sink.name.isEmpty {
                sink.name = counts[sink.type]! == 1 ? sink.type : "\(sink.type)-\(counts[sink.type]!)"
            }
            if !names.insert(sink.name).inserted {
                reader.problem("\(path).name", node, "\"\(sink.name)\" names another sink too")
            }
            notify.append(sink)
        }
    }
}

extension FetchSettings {
    mutating func read(_ node: Node, with reader: ConfigReader) {
        let keys = [
            "timeout", "connect_timeout", "max_bytes", "concurrency", "per_host", "user_agent", "proxy", "ca_bundle",
        ]
        guard let table = reader.table(node, "fetch", keys: keys) else { return }
        timeout = reader.duration(table, "timeout", atLeast: .seconds(1)) ?? timeout
        connectTimeout = reader.duration(table, "connect_timeout", atLeast: .seconds(1)) ?? connectTimeout
        if let text = reader.string(table, "max_bytes") {
            if let bytes = ByteCount.parse(text), bytes > 0 {
                maxBytes = bytes
            } else {
                reader.problem(
                    "fetch.max_bytes", table.entries["max_bytes"], "\"\(text)\" is not a size (write 20MB, 512KB)")
            }
        }
        concurrency = reader.int(table, "concurrency", in: 1...256) ?? concurrency
        perHost = reader.int(table, "per_host", in: 1...64) ?? perHost
        if perHost > concurrency {
            reader.problem("fetch.per_host", table.entries["per_host"], "larger than concurrency (\(concurrency))")
        }
        userAgent = reader.string(table, "user_agent") ?? userAgent
        proxy = reader.string(table, "proxy")
        caBundle = reader.string(table, "ca_bundle")
        if let caBundle, access(caBundle, R_OK) != 0 {
            reader.problem("fetch.ca_bundle", table.entries["ca_bundle"], "cannot read \(caBundle)")
        }
    }
}

extension RetrySettings {
    mutating func read(_ node: Node, with reader: ConfigReader) {
        guard let table = reader.table(node, "retry", keys: ["initial", "max", "failing_after"]) else { return }
        initial = reader.duration(table, "initial", atLeast: .seconds(1)) ?? initial
        max = reader.duration(table, "max", atLeast: .seconds(1)) ?? max
        failingAfter = reader.int(table, "failing_after", in: 1...1000) ?? failingAfter
        if initial > max { reader.problem("retry.initial", table.entries["initial"], "longer than retry.max") }
    }
}

extension RetentionSettings {
    mutating func read(_ node: Node, with reader: ConfigReader) {
        guard let table = reader.table(node, "retention", keys: ["keep_versions", "keep_for", "events_for"]) else {
            return
        }
        keepVersions = reader.int(table, "keep_versions", in: 1...1_000_000)
        keepFor = reader.duration(table, "keep_for", atLeast: .seconds(86_400))
        eventsFor = reader.duration(table, "events_for", atLeast: .seconds(86_400))
    }
}
