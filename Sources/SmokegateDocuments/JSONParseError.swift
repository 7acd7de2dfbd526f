/// Why a byte sequence is not a JSON document, and where.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, stable across releases; the message carries the detail.
    public enum Code: String, Sendable, Hashable {
        /// The input ended inside a value, or there was no value at all.
        case unexpectedEndOfInput
        /// A byte that cannot start or continue the value at that point.
        case unexpectedCharacter
        /// A number that breaks the RFC 8259 grammar (leading zeros, missing digits).
        case invalidNumber
        /// A string with a raw control character.
        case invalidString
        /// A backslash escape that is unknown, malformed or an unpaired surrogate.
        case invalidEscape
        /// Bytes that are not well-formed UTF-8.
        case invalidUTF8
        /// Arrays and objects nested deeper than the parser's limit.
        case nestingTooDeep
        /// Something other than whitespace after the top-level value.
        case trailingData
    }

    /// The kind of problem.
    public var code: Code
    /// Byte offset into the input where the problem was found (0-based).
    public var offset: Int
    /// What is wrong, for people: "expected ':' after object key".
    public var message: String

    /// Creates an error; the parser is the usual source.
    public init(code: Code, offset: Int, message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    /// "invalid JSON at byte 12: expected ':' after object key".
    public var description: String {
        "invalid JSON at byte \(offset): \(message)"
    }
}
