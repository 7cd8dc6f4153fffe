import ArgumentParser
import BulletinStore
import BulletinWatch
import Foundation

/// `--state DIR` or `--config FILE`: where the store lives. Shared by every store command.
struct StoreOptions: ParsableArguments {
    @Option(help: "The state directory (default: the config's state_directory, else /var/lib/bulletind).")
    var state: String?

    @Option(help: "A bulletind.yaml whose state_directory to use.")
    var config: String?

    static let defaultState = "/var/lib/bulletind"

    func validate() throws {
        if state != nil && config != nil { throw ValidationError("give --state or --config, not both") }
    }

    /// The state directory these options name.
    func directory() throws -> String {
        if let state { return state }
        if let config {
            do {
                return try ConfigFile.stateDirectory(in: config) ?? Self.defaultState
            } catch {
                throw CommandFailure("\(config): \(error)")
            }
        }
        return Self.defaultState
    }

    /// Opens the store; readers do not create one.
    func open(create: Bool = false) throws -> SnapshotStore {
        do {
            return try SnapshotStore(directory: try directory(), create: create)
        } catch let error as StoreError {
            throw CommandFailure("\(error)")
        }
    }
}

/// Runs a store call, turning a StoreError into the one-line failure the CLI prints.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as StoreError { throw CommandFailure("\(error)") }
}

/// Dates as the store commands print them: UTC, to the second.
enum Timestamp {
    static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
