/// A one-line error for the user; ArgumentParser prints it after "Error: " and exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
