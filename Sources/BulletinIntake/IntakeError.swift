/// Why a document could not be turned into text.
public enum IntakeError: Error, Sendable, Equatable, CustomStringConvertible {
    case unsupportedCharset(String)
    case unsupportedFormat(String)
    case binaryData(offset: Int)
    case malformed(String)

    public var description: String {
        switch self {
        case .unsupportedCharset(let name): return "charset \(name) is not supported"
        case .unsupportedFormat(let what): return "unsupported format: \(what)"
        case .binaryData(let offset): return "input looks like binary data, not text (control byte at offset \(offset))"
        case .malformed(let what): return "malformed document: \(what)"
        }
    }
}
