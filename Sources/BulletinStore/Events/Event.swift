public import Foundation

/// A notification event as delivered: JSON with snake_case keys, values as decimal strings as written.
///
/// ```json
/// {"id":"evt_3f…","type":"indicator.changed","occurred_at":"2026-11-29T09:00:00Z",
///  "source":{"id":"tongliao-report","url":"https://…","region":"通辽市"},
///  "document":{"version":3,"previous_version":2,"sha256":"…","url":"https://…","title":"…"},
///  "indicator":{"subject":"地区生产总值","kind":"level","period":"2023","status":"actual","unit":"亿元",
///               "old":"1609","new":"1612","delta":"3","relative":0.0018645,"text":"…"}}
/// ```
public struct Event: Codable, Sendable, Equatable {
    public var id: String
    public var type: String
    public var occurredAt: Date
    public var source: Source
    public var document: Document?
    public var indicator: IndicatorPart?
    /// For source.failing / source.recovered: what went wrong.
    public var error: String?
    /// For target.met / target.missed: the target the actual is measured against.
    public var target: TargetPart?

    /// A target set by an earlier document.
    public struct TargetPart: Codable, Sendable, Equatable {
        public var value: String
        public var upper: String?
        /// 以上, 左右, 以内 … as written.
        public var qualifier: String?
        public var text: String
        public var sourceId: String
        public var version: Int
        public var url: String

        enum CodingKeys: String, CodingKey {
            case value, upper, qualifier, text, version, url
            case sourceId = "source_id"
        }
    }

    public struct Source: Codable, Sendable, Equatable {
        public var id: String
        public var url: String
        public var region: String?

        public init(id: String, url: String, region: String?) {
            self.id = id
            self.url = url
            self.region = region
        }
    }

    public struct Document: Codable, Sendable, Equatable {
        public var title: String?
        public var url: String
        public var version: Int
        public var previousVersion: Int?
        public var sha256: String

        enum CodingKeys: String, CodingKey {
            case title, url, version, sha256
            case previousVersion = "previous_version"
        }
    }

    public struct IndicatorPart: Codable, Sendable, Equatable {
        /// Identity across versions: period, kind, status and the normalised subject.
        public var key: String?
        public var subject: String
        public var kind: String
        public var period: String?
        public var status: String
        public var unit: String
        public var old: String?
        public var new: String?
        public var delta: String?
        public var relative: Double?
        public var text: String
    }

    enum CodingKeys: String, CodingKey {
        case id, type, source, document, indicator, error, target
        case occurredAt = "occurred_at"
    }

    /// The event as one line of JSON, keys sorted.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Reads an event stored as JSON.
    public static func decode(_ json: String) throws -> Event {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Event.self, from: Data(json.utf8))
    }

    /// A stable id: the same inputs give the same id on every retry.
    public static func stableID(_ parts: String...) -> String {
        "evt_" + String(SHA256.hex(of: Array(parts.joined(separator: "\u{1f}").utf8)).prefix(32))
    }
}
