import SmokegateDocuments

/// A value a check takes from its response for later checks in the same environment (`capture:`).
public struct Capture: Sendable {
    /// Where in the response the value is.
    public enum Source: Sendable {
        /// A JSON value (a string as its text, anything else as its JSON).
        case json(JSONPath)
        /// A response header's last value.
        case header(String)
        /// A cookie in the jar after the response (redirects included).
        case cookie(String)
        /// A regular expression on the body: its first group, else the whole match.
        case regex(Pattern)
        /// An XPath on the body: the first node's text (whitespace normalized), or a string, number or boolean.
        case xpath(XPathExpression)
    }

    /// The variable name later checks use (`{{token}}`).
    public var name: String
    public var source: Source
    /// Masked as `***` in every report (the default); `secret: false` shows it.
    public var secret: Bool
    public var location: SourceLocation

    public init(name: String, source: Source, secret: Bool, location: SourceLocation) {
        self.name = name
        self.source = source
        self.secret = secret
        self.location = location
    }
}
