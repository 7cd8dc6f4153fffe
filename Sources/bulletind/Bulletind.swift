import ArgumentParser

/// The bulletind command line.
@main
struct Bulletind: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletind",
        abstract: "Follow what Chinese governments publish about their economies.",
        discussion: """
            bulletind reads government bulletins (政府工作报告, 统计公报 …) and turns them into \
            indicators: subject, value, unit, kind, qualifier, period, actual or target, and the \
            sentence each came from.
            """,
        version: "0.1.0",
        subcommands: [
            ParseCommand.self, FetchCommand.self, IngestCommand.self, HistoryCommand.self, DiffCommand.self,
            ExportCommand.self, ReparseCommand.self, VerifyCommand.self, EventsCommand.self,
            PruneCommand.self, RunCommand.self, StatusCommand.self, CheckConfigCommand.self, NotifyCommand.self,
        ]
    )
}
