import ArgumentParser
import BulletinFetch
import BulletinStore
import BulletinWatch
import Foundation

/// `bulletind notify`: notification sinks.
struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Work with notification sinks.",
        subcommands: [NotifyTestCommand.self]
    )
}

/// `bulletind notify test SINK`: a sample event through one sink, now.
struct NotifyTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a sample indicator.changed event through one sink and say how it went.",
        discussion: """
            The sample is 通辽市's 2023 GDP revised from 1609 to 1612 亿元. It ignores the sink's \
            filters and is not recorded in the store.

            Example:
              bulletind notify test dingtalk --config /etc/bulletind/bulletind.yaml
            """
    )

    @OptionGroup var options: ConfigOption

    @Argument(help: "The sink's name (its `name`, or its type when it has none).")
    var sink: String

    func run() async throws {
        let config = try options.load()
        guard let sinkConfig = config.notify.first(where: { $0.name == sink }) else {
            let names = config.notify.map(\.name).joined(separator: ", ")
            throw CommandFailure("no sink \"\(sink)\" in \(options.config) (sinks: \(names.isEmpty ? "none" : names))")
        }
        let setup: SinkSetup
        do {
            setup = try SinkSetup(sinkConfig, fetcher: try Fetcher(), userAgent: config.fetch.userAgent)
        } catch {
            throw CommandFailure("\(error)")
        }
        let event = Self.sample()
        do {
            try await setup.sink.deliver([event], payloads: [event.json()])
        } catch {
            throw CommandFailure("\(sink): \(error.message)")
        }
        StandardOutput.write("\(sink): delivered sample event \(event.id)\n")
    }

    static func sample() -> Event {
        let json = """
            {"id":"evt_test_\(Int(Date().timeIntervalSince1970))","type":"indicator.changed",\
            "occurred_at":"\(Timestamp.string(Date()))",\
            "source":{"id":"tongliao-report","url":"https://www.tongliao.gov.cn/","region":"通辽市"},\
            "document":{"title":"通辽市2024年政府工作报告（测试）","url":"https://www.tongliao.gov.cn/",\
            "version":2,"previous_version":1,"sha256":"0000000000000000000000000000000000000000000000000000000000000000"},\
            "indicator":{"key":"2023|level|actual|地区生产总值","subject":"地区生产总值","kind":"level",\
            "period":"2023","status":"actual","unit":"亿元","old":"1609","new":"1612","delta":"3",\
            "relative":0.0018645,"text":"全市地区生产总值完成1612亿元，增长5.2%。"}}
            """
        return try! Event.decode(json)
    }
}
