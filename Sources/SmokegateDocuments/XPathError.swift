/// Why an XPath expression could not be compiled or evaluated.
public struct XPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, stable across releases; the message carries the detail.
    public enum Code: String, Sendable, Hashable {
        /// The expression does not compile (reported when the config loads).
        case invalidExpression
        /// The body is not well-formed XML, or libxml2 could not build a tree from it.
        case unparsableDocument
        /// The body is empty or has no root element.
        case emptyDocument
        /// The expression compiled but failed on this document (an unknown function, a type error).
        case evaluationFailed
    }

    /// The kind of problem.
    public var code: Code
    /// What went wrong, including libxml2's own message where it gave one.
    public var message: String

    /// Creates an error; compiling and evaluating expressions are the usual sources.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// "XPath error (unparsableDocument): line 1, column 9: Opening and ending tag mismatch: a line 1 and b".
    public var description: String {
        "XPath error (\(code.rawValue)): \(message)"
    }
}
