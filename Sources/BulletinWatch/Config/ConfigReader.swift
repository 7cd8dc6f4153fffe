import Foundation
import Yams

/// Walks the YAML node tree, collecting every problem with its path and line instead of stopping
/// at the first.
final class ConfigReader {
    private(set) var problems: [ConfigProblem] = []

    /// A mapping's entries by key, with unknown keys reported.
    struct Table {
        var path: String
        var node: Node
        var entries: [String: Node]

        func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    }

    func problem(_ path: String, _ node: Node?, _ message: String) {
        problems.append(ConfigProblem(path: path, line: node?.mark?.line, message: message))
    }

    /// The mapping at `node`, or nil (with a problem) when it is something else.
    func table(_ node: Node, _ path: String, keys: [String]) -> Table? {
        guard let mapping = node.mapping else {
            problem(path, node, "expected a mapping of settings")
            return nil
        }
        var entries: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                problem(path, key, "keys must be plain words")
                continue
            }
            if keys.contains(name) {
                entries[name] = value
            } else {
                let hint = Self.closest(to: name, in: keys).map { " (did you mean \($0)?)" } ?? ""
                problem(path.isEmpty ? name : "\(path).\(name)", key, "unknown setting\(hint)")
            }
        }
        return Table(path: path, node: node, entries: entries)
    }

    func string(_ table: Table, _ key: String) -> String? {
        guard let node = table.entries[key] else { return nil }
        guard let scalar = node.scalar, node.null == nil else {
            problem(table.child(key), node, "expected text")
            return nil
        }
        return scalar.string
    }

    func int(_ table: Table, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = string(table, key) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            problem(
                table.child(key), table.entries[key],
                "expected a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
            return nil
        }
        return value
    }

    func bool(_ table: Table, _ key: String) -> Bool? {
        guard let text = string(table, key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problem(table.child(key), table.entries[key], "expected true or false, not \"\(text)\"")
            return nil
        }
    }

    func duration(_ table: Table, _ key: String, atLeast minimum: Duration = .milliseconds(1)) -> Duration? {
        guard let text = string(table, key) else { return nil }
        guard let value = DurationText.parse(text) else {
            let hint = Int(text) != nil ? "give a unit, as in \(text)s or \(text)m" : "write 6h, 30m, 45s or 1h30m"
            problem(table.child(key), table.entries[key], "\"\(text)\" is not a duration (\(hint))")
            return nil
        }
        guard value >= minimum else {
            problem(
                table.child(key), table.entries[key], "\(text) is too short (at least \(DurationText.format(minimum)))")
            return nil
        }
        return value
    }

    func list(_ table: Table, _ key: String) -> [Node]? {
        guard let node = table.entries[key] else { return nil }
        guard let sequence = node.sequence else {
            problem(table.child(key), node, "expected a list")
            return nil
        }
        return Array(sequence)
    }

    func strings(_ table: Table, _ key: String) -> [String]? {
        guard let nodes = list(table, key) else { return nil }
        return nodes.enumerated().compactMap { index, node in
            guard let text = node.scalar?.string else {
                problem("\(table.child(key))[\(index)]", node, "expected text")
                return nil
            }
            return text
        }
    }

    /// The known key nearest to a misspelt one, when it is close.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (best, score) = scored, score <= max(1, word.count / 3) else { return nil }
        return best
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[b.count]
    }
}
