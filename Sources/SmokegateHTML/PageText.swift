import Mustache
import SmokegateDocuments

/// A text a template shows: cleaned of the characters XML cannot carry (so a failure message holding ESC or NUL
/// cannot break the page), and escaped by swift-mustache wherever a template writes it with `{{ }}`. Page models
/// hold their texts as `PageText`, so no text reaches a template without the cleaning.
struct PageText: Sendable, Hashable, MustacheCustomRenderable, ExpressibleByStringLiteral, CustomStringConvertible {
    let text: String

    init(_ text: String) {
        self.text = XMLTextWriter.xmlSafe(text)
    }

    init(stringLiteral text: String) {
        self.init(text)
    }

    var description: String { text }
    var renderText: String { text }
    var isNull: Bool { false }
}
