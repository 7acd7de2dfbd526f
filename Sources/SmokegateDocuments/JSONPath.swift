/// A compiled JSONPath expression: parse once when the config loads, evaluate on every response.
///
/// Supports `$`, `.name`, `['quoted name']`, `.*` / `[*]`, `[2]`, `[-1]`, slices `[start:end:step]`,
/// unions `[0,'a']`, descent `..`, and filters `[?(@.price > 10 && @.tag)]` with `==`, `!=`,
/// `<`, `<=`, `>`, `>=`, `&&`, `||`, `!` and parentheses. Comparisons follow RFC 9535: a missing
/// value equals only another missing value, and ordering applies to two numbers or two strings.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// The text the path was compiled from.
    public let text: String
    let segments: [JSONPathSegment]

    /// Compiles `text`; errors carry the offending character's offset.
    public init(_ text: String) throws(JSONPathError) {
        var parser = JSONPathParser(text)
        self.segments = try parser.parsePath()
        self.text = text
    }

    /// The path as written.
    public var description: String { text }

    /// True when the path can match at most one node (no wildcard, slice, filter, union or descent).
    public var isDefinite: Bool {
        JSONPathQuery(isRelative: false, segments: segments).isSingular
    }

    /// Every node the path selects in `root`, in document order; empty when nothing matches.
    public func evaluate(_ root: JSONValue) -> [JSONValue] {
        JSONPath.apply(segments, to: [root], root: root)
    }
}
