/// One thing wrong in a config file: where (the setting's path and the line) and what.
///
/// ```text
/// bulletind.yaml:14: sources[1].every: "6 hours" is not a duration (write 6h, 30m, 45s)
/// ```
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    /// The setting, as in "sources[1].every"; empty for the file as a whole.
    public var path: String
    /// The 1-based line, when the YAML parser knows it.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        (line.map { "line \($0): " } ?? "") + (path.isEmpty ? "" : "\(path): ") + message
    }
}

/// A config that cannot be used, with every problem found in it.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var problems: [ConfigProblem]

    /// One line: the first problem, and how many more there are.
    public var description: String {
        let first = problems.first.map { "\($0)" } ?? "unusable"
        let more = problems.count > 1 ? " (and \(problems.count - 1) more; run check-config)" : ""
        return "\(file): \(first)\(more)"
    }
}
