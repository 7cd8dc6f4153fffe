import ArgumentParser
import BulletinWatch

/// `bulletind check-config`: every problem in a config file, with its line.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a configuration file: every problem, with its setting and line.",
        discussion: """
            Exits 0 when the file is sound, 1 when it has problems (each printed on its own line \
            as FILE:LINE: setting: problem).

            Example:
              bulletind check-config --config /etc/bulletind/bulletind.yaml
            """
    )

    @OptionGroup var options: ConfigOption

    func run() throws {
        do {
            let config = try WatchConfig.load(path: options.config)
            let sinks = config.notify.count
            StandardOutput.write(
                "\(options.config): ok, \(config.sources.count) sources, \(sinks) notification sink\(sinks == 1 ? "" : "s"), "
                    + "state in \(config.stateDirectory)\n")
        } catch {
            for problem in error.problems {
                let place = problem.line.map { "\(options.config):\($0)" } ?? options.config
                let path = problem.path.isEmpty ? "" : "\(problem.path): "
                StandardOutput.write("\(place): \(path)\(problem.message)\n")
            }
            let count = error.problems.count
            throw CommandFailure("\(options.config): \(count) problem\(count == 1 ? "" : "s")")
        }
    }
}
