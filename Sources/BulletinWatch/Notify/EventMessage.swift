public import BulletinStore
import Foundation

/// An event as people read it in a chat group or an e-mail: a title, a few lines in Chinese with
/// the change and the sentence it came from, and the link.
///
/// ```swift
/// let message = EventMessage(event)
/// print(message.title)      // 【河西市】指标修订：2023年 地区生产总值
/// print(message.plainText)
/// ```
public struct EventMessage: Sendable, Equatable {
    public var title: String
    public var lines: [String]
    public var link: String?

    public init(_ event: Event) {
        let place = event.source.region.map { "【\($0)】" } ?? "【\(event.source.id)】"
        let document = event.document
        let documentName = document?.title ?? event.source.id
        link = document?.url ?? event.source.url
        lines = []
        switch event.type {
        case "indicator.changed", "indicator.added", "indicator.removed":
            let i = event.indicator
            let name = Self.name(of: i)
            let verb = ["indicator.changed": "指标修订", "indicator.added": "新增指标", "indicator.removed": "指标删除"][
                event.type]!
            title = "\(place)\(verb)：\(name)"
            if let i {
                let unit = i.unit
                switch event.type {
                case "indicator.changed":
                    var change = "\(i.old ?? "?") → \(i.new ?? "?") \(unit)"
                    if let delta = i.delta {
                        let sign = delta.hasPrefix("-") ? "" : "+"
                        let relative = i.relative.map { String(format: "，%+.2f%%", $0 * 100) } ?? ""
                        change += "（\(sign)\(delta)\(relative)）"
                    }
                    lines.append("\(name)：\(change)")
                case "indicator.added": lines.append("\(name)：\(i.new ?? "?") \(unit)")
                default: lines.append("\(name)：不再出现（原为 \(i.old ?? "?") \(unit)）")
                }
                lines.append("原文：「\(i.text)」")
            }
        case "bulletin.new":
            title = "\(place)新公报：\(documentName)"
        case "bulletin.updated":
            title = "\(place)公报更新：\(documentName)"
        case "source.failing":
            title = "\(place)来源无法访问：\(event.source.id)"
            lines.append("错误：\(event.error ?? "未知")")
        case "source.recovered":
            title = "\(place)来源已恢复：\(event.source.id)"
        case "target.met", "target.missed":
            let verb = event.type == "target.met" ? "目标完成" : "目标未完成"
            title = "\(place)\(verb)：\(Self.name(of: event.indicator))"
            if let i = event.indicator {
                let qualifier = event.target?.qualifier ?? ""
                lines.append("目标 \(i.old ?? "?") \(i.unit)\(qualifier)，实际 \(i.new ?? "?") \(i.unit)")
                if let target = event.target {
                    lines.append("目标出处：「\(target.text)」（\(target.sourceId) 第\(target.version)版）")
                }
                lines.append("原文：「\(i.text)」")
            }
        default:
            title = "\(place)\(event.type)"
        }
        if let document {
            let previous = document.previousVersion.map { "，上一版第\($0)版" } ?? ""
            lines.append("文件：\(documentName)（第\(document.version)版\(previous)）")
        }
    }

    /// One message for many events (a sink's digest).
    public static func digest(_ events: [Event]) -> EventMessage {
        if events.count == 1 { return EventMessage(events[0]) }
        let messages = events.map(EventMessage.init)
        let sources = Set(events.map(\.source.id)).sorted().joined(separator: "、")
        var digest = EventMessage(title: "bulletind：\(events.count) 条变动（\(sources)）", lines: [], link: nil)
        for message in messages {
            digest.lines.append("• \(message.title)")
            digest.lines += message.lines.filter { !$0.hasPrefix("文件：") }.map { "  \($0)" }
            if let link = message.link { digest.lines.append("  \(link)") }
        }
        return digest
    }

    init(title: String, lines: [String], link: String?) {
        self.title = title
        self.lines = lines
        self.link = link
    }

    /// Title, lines and link, one per line.
    public var plainText: String {
        ([title] + lines + (link.map { ["链接：\($0)"] } ?? [])).joined(separator: "\n")
    }

    /// The same in Markdown (DingTalk, WeCom).
    public var markdown: String {
        var text = "### \(title)\n"
        for line in lines { text += "\n> \(line)\n" }
        if let link { text += "\n[查看原文](\(link))\n" }
        return text
    }

    /// "2023年 地区生产总值（实际）".
    static func name(of indicator: Event.IndicatorPart?) -> String {
        guard let i = indicator else { return "" }
        let period = i.period.map { "\($0)年 " } ?? ""
        let status = i.status == "target" ? "目标" : "实际"
        let kind = ["growth": "增速", "share": "比重", "change": "变动"][i.kind].map { "·\($0)" } ?? ""
        return "\(period)\(i.subject)（\(status)\(kind)）"
    }
}
