/// Why a JSONPath expression cannot be compiled, and at which character.
public struct JSONPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, stable across releases; the message carries the detail.
    public enum Code: String, Sendable, Hashable {
        /// The path does not start with `$`.
        case missingRoot
        /// The path ends in the middle of a segment, string or filter.
        case unexpectedEnd
        /// A character that does not fit the grammar at that point.
        case unexpectedCharacter
        /// An index, slice bound or number literal that is malformed or out of range.
        case invalidNumber
        /// A quoted name or string literal with a bad escape.
        case invalidString
        /// A filter that is well-formed but not meaningful, such as comparing a wildcard path.
        case invalidFilter
    }

    /// The kind of problem.
    public var code: Code
    /// 0-based offset into the path text, counted in `Character`s, where the problem was found.
    public var offset: Int
    /// What is wrong, for people: "expected ']' after index".
    public var message: String

    /// Creates an error; the path compiler is the usual source.
    public init(code: Code, offset: Int, message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    /// "invalid JSONPath at character 9: expected ']' after index".
    public var description: String {
        "invalid JSONPath at character \(offset): \(message)"
    }
}
