import Foundation
import Yams

/// Reading bulletind.yaml. For now the store commands need only `state_directory`; the daemon's
/// full configuration (sources, fetch limits, notifications) is read by the same file.
public enum ConfigFile {
    /// Why a config file could not be read.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// The `state_directory` of the YAML file at `path`, or nil when it sets none.
    public static func stateDirectory(in path: String) throws -> String? {
        let mapping = try topLevel(of: path)
        guard let value = mapping["state_directory"] else { return nil }
        guard let directory = value as? String, !directory.isEmpty else {
            throw Problem(description: "state_directory: expected a path")
        }
        return directory
    }

    /// The top-level mapping of a YAML file.
    static func topLevel(of path: String) throws -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "cannot read the file")
        }
        let text = String(decoding: data, as: UTF8.self)
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch let error as YamlError {
            throw Problem(description: "not valid YAML: \(error)".split(separator: "\n").first.map(String.init) ?? "")
        }
        guard let mapping = loaded as? [String: Any] else {
            throw Problem(description: "expected a mapping of settings at the top level")
        }
        return mapping
    }
}
