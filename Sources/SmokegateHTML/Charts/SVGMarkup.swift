import Mustache

/// SVG text produced by the drawing code, which escapes every text it writes: the only value templates insert
/// unescaped (`{{{ }}}`). Its initialiser is internal, so nothing outside this module can pass markup off as SVG.
public struct SVGMarkup: Sendable, Hashable, CustomStringConvertible, MustacheCustomRenderable {
    /// The `<svg>` element, complete.
    public let text: String

    init(_ text: String) {
        self.text = text
    }

    public var description: String { text }
    /// What a template inserts: the markup (with `{{{ }}}`; `{{ }}` would show it escaped, as text).
    public var renderText: String { text }
    public var isNull: Bool { false }
}
