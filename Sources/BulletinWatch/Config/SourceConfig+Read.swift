import BulletinStore
import Foundation
import Yams

extension SourceConfig {
    static let keys = [
        "id", "url", "every", "jitter", "region", "active_hours", "allow_file", "year", "headers", "discover",
    ]

    /// A source from its YAML mapping; nil (with problems) when it cannot be watched.
    static func read(_ node: Node, path: String, with reader: ConfigReader) -> SourceConfig? {
        guard let table = reader.table(node, path, keys: keys) else { return nil }
        let id = reader.string(table, "id")
        let url = reader.string(table, "url")
        let every = reader.duration(table, "every", atLeast: .seconds(1))
        if id == nil && table.entries["id"] == nil { reader.problem(path, node, "missing id") }
        if url == nil && table.entries["url"] == nil { reader.problem(path, node, "missing url") }
        if every == nil && table.entries["every"] == nil { reader.problem(path, node, "missing every (as in 6h)") }
        if let id, !Snapshot.isValidSourceId(id) {
            reader.problem("\(path).id", table.entries["id"], "\"\(id)\": use lowercase letters, digits and -")
        }
        var source = SourceConfig(id: id ?? "", url: url ?? "", every: every ?? .seconds(3600))
        source.line = node.mark?.line
        source.region = reader.string(table, "region")
        source.allowFile = reader.bool(table, "allow_file") ?? false
        source.year = reader.int(table, "year", in: 1949...2200)
        source.headers = reader.strings(table, "headers") ?? []
        if let text = reader.string(table, "jitter") {
            if let share = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), share >= 0 {
                source.jitter = text.hasSuffix("%") ? share / 100 : share
            }
            if !(0...0.5).contains(source.jitter) || Double(text.replacingOccurrences(of: "%", with: "")) == nil {
                reader.problem(
                    "\(path).jitter", table.entries["jitter"], "expected a share from 0 to 0.5 (or 0% to 50%)")
            }
        }
        if let text = reader.string(table, "active_hours") {
            source.activeHours = ActiveHours(parsing: text)
            if source.activeHours == nil {
                reader.problem(
                    "\(path).active_hours", table.entries["active_hours"], "expected HH:MM-HH:MM, as in 08:00-20:00")
            }
        }
        if let node = table.entries["discover"],
            let rule = table.node.mapping.flatMap({ _ in
                reader.table(node, "\(path).discover", keys: ["pattern", "limit", "every"])
            })
        {
            if let pattern = reader.string(rule, "pattern") {
                var discover = DiscoverRule(pattern: pattern)
                if (try? NSRegularExpression(pattern: pattern)) == nil {
                    reader.problem("\(path).discover.pattern", rule.entries["pattern"], "not a regular expression")
                }
                discover.limit = reader.int(rule, "limit", in: 1...1000) ?? discover.limit
                discover.every = reader.duration(rule, "every", atLeast: .seconds(1))
                source.discover = discover
            } else if rule.entries["pattern"] == nil {
                reader.problem("\(path).discover", node, "missing pattern (a regular expression for links to follow)")
            }
        }
        if let url {
            checkURL(url, allowFile: source.allowFile, path: "\(path).url", node: table.entries["url"], reader: reader)
        }
        for header in source.headers where !header.contains(":") || header.contains("\n") {
            reader.problem("\(path).headers", table.entries["headers"], "\"\(header)\" is not a header (Name: value)")
        }
        guard let id, url != nil, every != nil, Snapshot.isValidSourceId(id) else { return nil }
        return source
    }

    private static func checkURL(_ url: String, allowFile: Bool, path: String, node: Node?, reader: ConfigReader) {
        let scheme = url.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        switch scheme {
        case "http", "https":
            guard let parsed = URL(string: url), parsed.host?.isEmpty == false else {
                reader.problem(path, node, "\"\(url)\" is not a URL")
                return
            }
        case "file":
            if !allowFile { reader.problem(path, node, "file:// URLs need allow_file: true") }
        default:
            reader.problem(path, node, "\"\(url)\": only http and https are fetched")
        }
    }
}

extension SinkConfig {
    /// Settings holding a file name whose content is secret.
    static let secretKeys = ["secret_file", "password_file", "token_file"]

    static func read(_ node: Node, path: String, with reader: ConfigReader, base: String) -> SinkConfig? {
        guard let mapping = node.mapping else {
            reader.problem(path, node, "expected a mapping with a type")
            return nil
        }
        var settings: [String: String] = [:]
        var lists: [String: [String]] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            if let text = value.scalar?.string {
                settings[name] = text
            } else if let sequence = value.sequence {
                lists[name] = sequence.compactMap { $0.scalar?.string }
            } else {
                reader.problem("\(path).\(name)", value, "expected text or a list")
            }
        }
        guard let type = settings["type"] else {
            reader.problem(path, node, "missing type (one of \(types.sorted().joined(separator: ", ")))")
            return nil
        }
        guard types.contains(type) else {
            let hint = ConfigReader.closest(to: type, in: Array(types)).map { " (did you mean \($0)?)" } ?? ""
            reader.problem("\(path).type", mapping["type"], "unknown sink type \"\(type)\"\(hint)")
            return nil
        }
        for key in secretKeys {
            guard var file = settings[key] else { continue }
            if !file.hasPrefix("/") { file = "\(base)/\(file)" }
            if access(file, R_OK) != 0 {
                let reason = String(cString: strerror(errno))
                reader.problem("\(path).\(key)", mapping[key], "cannot read \(file): \(reason)")
            }
            settings[key] = file
        }
        var sink = SinkConfig(type: type, name: settings["name"] ?? "", settings: settings, lists: lists)
        sink.line = node.mark?.line
        for (key, message) in SinkSetup.problems(of: sink) {
            reader.problem("\(path).\(key)", mapping[key] ?? node, message)
        }
        return sink
    }
}
