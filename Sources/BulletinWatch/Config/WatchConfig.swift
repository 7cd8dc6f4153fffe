public import Foundation

/// The daemon's configuration, as read from bulletind.yaml by ``WatchConfig/load(path:)``.
///
/// ```yaml
/// state_directory: /var/lib/bulletind
/// fetch: {timeout: 30s, max_bytes: 20MB, concurrency: 8, per_host: 2}
/// sources:
///   - id: tongliao-report
///     url: https://www.tongliao.gov.cn/zfgzbg/2024.html
///     every: 6h
///     region: 通辽市
/// ```
public struct WatchConfig: Sendable {
    /// Where the store lives.
    public var stateDirectory: String = "/var/lib/bulletind"
    /// debug, info, notice, warning, error; `--log-level` overrides it.
    public var logLevel: String = "info"
    /// The zone `active_hours` are read in (default Asia/Shanghai, the publishers' own).
    public var timeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!
    public var fetch = FetchSettings()
    public var retry = RetrySettings()
    /// What the daemon removes once a day; nothing unless set.
    public var retention = RetentionSettings()
    public var sources: [SourceConfig] = []
    /// Notification sinks, checked here and sent by the notifier.
    public var notify: [SinkConfig] = []

    /// The default configuration file.
    public static let defaultPath = "/etc/bulletind/bulletind.yaml"

    public init() {}
}

/// How sources are fetched: limits shared by every source.
public struct FetchSettings: Sendable, Equatable {
    /// The whole transfer, redirects included.
    public var timeout: Duration = .seconds(60)
    public var connectTimeout: Duration = .seconds(10)
    /// The largest document accepted, after decoding.
    public var maxBytes: Int = 20 << 20
    /// Transfers at once, in all.
    public var concurrency: Int = 8
    /// Transfers at once against one host.
    public var perHost: Int = 2
    public var userAgent: String = "bulletind/0.1 (+https://github.com/bulletind/bulletind)"
    public var proxy: String?
    public var caBundle: String?

    public init() {}
}

/// What happens after a failed check.
public struct RetrySettings: Sendable, Equatable {
    /// The wait after the first failure; it doubles with each further one.
    public var initial: Duration = .seconds(60)
    /// The longest wait between attempts on a failing source.
    public var max: Duration = .seconds(6 * 3600)
    /// Consecutive failures after which a source is reported failing (once).
    public var failingAfter: Int = 3

    public init() {}
}

/// Old stored documents and old events the daemon removes, once a day. Nothing is removed unless
/// a limit is set. Versions and their indicators always stay: history, diff and export keep working.
///
/// ```yaml
/// retention:
///   keep_versions: 50   # each source keeps the documents of its newest 50 versions
///   keep_for: 365d      # and of the versions seen in the last year (a document goes when both agree)
///   events_for: 180d    # events older than this leave the outbox once every sink is done with them
/// ```
public struct RetentionSettings: Sendable, Equatable {
    /// Each source keeps the documents of its newest N versions.
    public var keepVersions: Int?
    /// Each source keeps the documents of the versions seen within this long.
    public var keepFor: Duration?
    /// Events older than this are removed once every configured sink has settled them; target
    /// events stay, since they say a target was judged once.
    public var eventsFor: Duration?

    public init() {}

    /// Whether any limit is set.
    public var isEmpty: Bool { keepVersions == nil && keepFor == nil && eventsFor == nil }

    /// `keep_for` in whole days, rounded up, as the store counts them.
    public var keepDays: Int? { keepFor.map { Int(($0.seconds / 86_400).rounded(.up)) } }
}

/// One watched document.
public struct SourceConfig: Sendable, Equatable {
    /// Unique, [a-z0-9-].
    public var id: String
    public var url: String
    /// The interval between checks.
    public var every: Duration
    /// Each interval is stretched or shrunk by up to this share, so checks spread out (default 0.1).
    public var jitter: Double = 0.1
    /// Carried into events.
    public var region: String?
    /// Checks happen only in these hours of the config's time zone.
    public var activeHours: ActiveHours?
    /// Allows a file:// URL.
    public var allowFile: Bool = false
    /// The year the document speaks for when its text does not say.
    public var year: Int?
    /// Extra request headers ("Accept-Language: zh-CN").
    public var headers: [String] = []
    /// Where in the YAML file the source is, for log lines.
    public var line: Int?
    /// For a listing page or feed: which links to follow as documents of their own.
    public var discover: DiscoverRule?
    /// For a document found by discovery: the listing's source id.
    public var parent: String?

    public init(id: String, url: String, every: Duration) {
        self.id = id
        self.url = url
        self.every = every
    }
}

/// Which links of a listing page or feed become tracked documents.
///
/// ```yaml
/// discover: {pattern: "政府工作报告|统计公报", limit: 10, every: 1d}
/// ```
public struct DiscoverRule: Sendable, Equatable {
    /// A regular expression matched against the link text and the URL.
    public var pattern: String
    /// The most new documents taken from one check of the listing (the first in page order).
    public var limit: Int = 10
    /// How often each found document is checked (default: the listing's interval).
    public var every: Duration?

    public init(pattern: String) { self.pattern = pattern }

    /// Whether a link qualifies.
    public func matches(text: String, url: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        for candidate in [text, url] {
            let range = NSRange(candidate.startIndex..., in: candidate)
            if expression.firstMatch(in: candidate, range: range) != nil { return true }
        }
        return false
    }
}

/// A notification sink as configured: its type, a name, and its settings as written.
public struct SinkConfig: Sendable, Equatable {
    /// webhook, dingtalk, wecom, feishu, slack, email, command or file.
    public var type: String
    /// How logs and `status` call it (default: the type, numbered when repeated).
    public var name: String
    /// Every other setting, as text.
    public var settings: [String: String]
    /// Lists such as `events` and `argv`.
    public var lists: [String: [String]]
    /// Where in the YAML file the sink is.
    public var line: Int?

    public init(type: String, name: String, settings: [String: String], lists: [String: [String]] = [:]) {
        self.type = type
        self.name = name
        self.settings = settings
        self.lists = lists
    }

    /// The sink types bulletind knows.
    public static let types: Set<String> = [
        "webhook", "dingtalk", "wecom", "feishu", "slack", "email", "command", "file",
    ]
}
