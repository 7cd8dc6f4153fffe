public import BulletinFetch
import Foundation

/// A configured sink made ready: the sink itself, its rules, digest and retry settings.
///
/// ```swift
/// let setup = try SinkSetup(config.notify[0], fetcher: fetcher)
/// try await setup.sink.deliver([event], payloads: [event.json()])
/// ```
public struct SinkSetup: Sendable {
    public var name: String
    public var type: String
    public var sink: any NotificationSink
    public var rules: SinkRules
    /// One message per delivery pass instead of one per event.
    public var digest: Bool
    public var retryInitial: Duration
    public var retryMax: Duration
    /// An event still undelivered this long after it happened is given up (state dead).
    public var deadAfter: Duration

    static let commonKeys = [
        "type", "name", "events", "sources", "subjects", "exclude_subjects", "min_change", "min_relative", "digest",
        "retry_initial", "retry_max", "dead_after", "timeout",
    ]
    static let keys: [String: [String]] = [
        "webhook": ["url", "secret_file"], "dingtalk": ["url", "secret_file"], "feishu": ["url", "secret_file"],
        "wecom": ["url"], "slack": ["url"], "email": ["url", "from", "to", "user", "password_file", "tls"],
        "command": ["argv"], "file": ["path"],
    ]
    static let required: [String: [String]] = [
        "webhook": ["url"], "dingtalk": ["url"], "feishu": ["url"], "wecom": ["url"], "slack": ["url"],
        "email": ["url", "from", "to"], "command": ["argv"], "file": ["path"],
    ]

    /// What is wrong with a sink's settings, as (setting, problem) pairs.
    static func problems(of config: SinkConfig) -> [(key: String, message: String)] {
        var found: [(String, String)] = []
        let allowed = commonKeys + (keys[config.type] ?? [])
        for key in Set(config.settings.keys).union(config.lists.keys).sorted() where !allowed.contains(key) {
            let hint = ConfigReader.closest(to: key, in: allowed).map { " (did you mean \($0)?)" } ?? ""
            found.append((key, "not a setting of a \(config.type) sink\(hint)"))
        }
        for key in required[config.type] ?? [] where config.settings[key] == nil && config.lists[key] == nil {
            found.append((key, "missing (a \(config.type) sink needs it)"))
        }
        for key in ["retry_initial", "retry_max", "dead_after", "timeout"] {
            if let text = config.settings[key], DurationText.parse(text) == nil {
                found.append((key, "\"\(text)\" is not a duration (write 30s, 10m, 1h)"))
            }
        }
        if let text = config.settings["min_change"], Double(text) == nil {
            found.append(("min_change", "\"\(text)\" is not a number"))
        }
        if let text = config.settings["min_relative"], share(text) == nil {
            found.append(("min_relative", "\"\(text)\" is not a share (write 0.5% or 0.005)"))
        }
        for key in ["subjects", "exclude_subjects"] {
            let patterns = config.lists[key] ?? config.settings[key].map { [$0] } ?? []
            for pattern in patterns where (try? NSRegularExpression(pattern: pattern)) == nil {
                found.append((key, "\"\(pattern)\" is not a regular expression"))
            }
        }
        if let text = config.settings["tls"], MailServer.TLS(rawValue: text) == nil {
            found.append(("tls", "expected starttls or none"))
        }
        if let url = config.settings["url"] {
            let schemes = config.type == "email" ? ["smtp://", "smtps://"] : ["http://", "https://"]
            if !schemes.contains(where: { url.lowercased().hasPrefix($0) }) {
                // Robot URLs carry their token in the query: never echo it.
                let shown = url.split(separator: "?").first.map(String.init) ?? url
                found.append(("url", "\"\(shown)\": expected \(schemes.joined(separator: " or "))…"))
            }
        }
        if config.type == "command", config.lists["argv"]?.isEmpty ?? (config.settings["argv"] == nil) {
            found.append(("argv", "expected a list: the program and its arguments"))
        }
        return found
    }

    /// "0.5%" → 0.005; "0.005" → 0.005.
    static func share(_ text: String) -> Double? {
        if text.hasSuffix("%") { return Double(text.dropLast()).map { $0 / 100 } }
        return Double(text)
    }

    /// Makes the sink, reading its secret files.
    public init(_ config: SinkConfig, fetcher: Fetcher, userAgent: String = FetchRequest.defaultUserAgent)
        throws(ConfigError)
    {
        func fail(_ key: String, _ message: String) -> ConfigError {
            ConfigError(
                file: "notify",
                problems: [ConfigProblem(path: "\(config.name).\(key)", line: config.line, message: message)])
        }
        if let (key, message) = Self.problems(of: config).first { throw fail(key, message) }
        func secret(_ key: String) throws(ConfigError) -> String? {
            guard let path = config.settings[key] else { return nil }
            guard let data = FileManager.default.contents(atPath: path) else { throw fail(key, "cannot read \(path)") }
            let text = String(decoding: data, as: UTF8.self)
            return text.hasSuffix("\n") ? String(text.dropLast()).trimmingCharacters(in: ["\r"]) : text
        }
        let s = config.settings
        let timeout = s["timeout"].flatMap(DurationText.parse) ?? .seconds(15)
        let poster = Poster(fetcher: fetcher, timeout: timeout, userAgent: userAgent)
        name = config.name
        type = config.type
        switch config.type {
        case "webhook":
            var signer: WebhookSignature?
            if let text = try secret("secret_file") {
                do { signer = try WebhookSignature(secret: text) } catch {
                    throw fail("secret_file", error.description)
                }
            }
            sink = WebhookSink(poster: poster, url: s["url"]!, signer: signer)
        case "dingtalk", "wecom", "feishu", "slack":
            sink = ChatSink(
                kind: ChatSink.Kind(rawValue: config.type)!, poster: poster, url: s["url"]!,
                secret: try secret("secret_file"))
        case "email":
            var server = MailServer(url: s["url"]!, from: s["from"]!)
            server.user = s["user"]
            server.password = try secret("password_file")
            server.tls = s["tls"].flatMap(MailServer.TLS.init) ?? .starttls
            server.timeout = timeout
            sink = EmailSink(server: server, recipients: config.lists["to"] ?? [s["to"]!])
        case "command":
            sink = CommandSink(
                argv: config.lists["argv"] ?? [s["argv"]!],
                timeout: s["timeout"].flatMap(DurationText.parse) ?? .seconds(30))
        default:
            sink = FileSink(path: s["path"]!)
        }
        var rules = SinkRules()
        rules.types = config.lists["events"] ?? s["events"].map { [$0] } ?? []
        rules.sources = config.lists["sources"] ?? s["sources"].map { [$0] } ?? []
        rules.subjects = config.lists["subjects"] ?? s["subjects"].map { [$0] } ?? []
        rules.excludeSubjects = config.lists["exclude_subjects"] ?? s["exclude_subjects"].map { [$0] } ?? []
        rules.minChange = s["min_change"].flatMap(Double.init)
        rules.minRelative = s["min_relative"].flatMap(Self.share)
        self.rules = rules
        digest = ["true", "yes", "on"].contains(s["digest"]?.lowercased() ?? "")
        retryInitial = s["retry_initial"].flatMap(DurationText.parse) ?? .seconds(10)
        retryMax = s["retry_max"].flatMap(DurationText.parse) ?? .seconds(3600)
        deadAfter = s["dead_after"].flatMap(DurationText.parse) ?? .seconds(86400)
    }
}
