/// Why the XML writer refused or failed a step.
public struct XMLWriterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, stable across releases; the message carries the detail.
    public enum Code: String, Sendable, Hashable {
        /// An element or attribute name that is not an XML name.
        case invalidName
        /// A call that would make the document ill-formed at this point (text outside the root
        /// element, an attribute after content, a second root, a duplicate attribute).
        case invalidState
        /// libxml2 itself failed, usually out of memory.
        case writerFailed
    }

    /// The kind of problem.
    public var code: Code
    /// What went wrong, for people.
    public var message: String

    /// Creates an error; the writer is the usual source.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// "XML writer error (invalidState): text outside the root element".
    public var description: String {
        "XML writer error (\(code.rawValue)): \(message)"
    }
}
