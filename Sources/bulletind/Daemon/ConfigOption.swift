import ArgumentParser
import BulletinWatch

/// `--config FILE` for the daemon's commands, read and checked in full.
struct ConfigOption: ParsableArguments {
    @Option(help: "The configuration file.")
    var config: String = WatchConfig.defaultPath

    /// The configuration, or a one-line failure naming the first problem.
    func load() throws -> WatchConfig {
        do {
            return try WatchConfig.load(path: config)
        } catch {
            throw CommandFailure("\(error)")
        }
    }
}
