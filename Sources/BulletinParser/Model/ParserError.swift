/// Why a document could not be read as text.
public enum ParserError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not UTF-8; `offset` is the first bad byte.
    case invalidUTF8(offset: Int)
    /// The input holds NUL bytes or other control data: not a text document.
    case binaryData(offset: Int)

    public var description: String {
        switch self {
        case .invalidUTF8(let offset):
            return "input is not valid UTF-8 (first bad byte at offset \(offset))"
        case .binaryData(let offset):
            return "input looks like binary data, not text (control byte at offset \(offset))"
        }
    }
}
