import Foundation
import SmokegateDocuments

/// XPath over a page or a chart as libxml2 parses it: strictly as XML (the pages are written to be well-formed, so
/// any stray markup breaks the parse), or leniently as HTML, as a browser reads a page.
struct MarkupProbe {
    let bytes: [UInt8]
    let kind: MarkupKind

    init(_ text: String, as kind: MarkupKind = .xml) {
        bytes = Array(text.utf8)
        self.kind = kind
    }

    /// Throws when the markup does not parse (as XML: is not well-formed).
    func count(_ path: String) throws -> Int {
        guard case .number(let value) = try XPathExpression("count(\(path))").evaluate(on: bytes, as: kind) else { return -1 }
        return Int(value)
    }

    /// The string values of what `path` selects, no-break spaces (which pages put between a figure and its unit)
    /// read as spaces.
    func strings(_ path: String) throws -> [String] {
        let values: [String] = switch try XPathExpression(path).evaluate(on: bytes, as: kind) {
        case .nodes(let values): values
        case .string(let value): [value]
        case .number(let value): [String(value)]
        case .boolean(let value): [String(value)]
        }
        return values.map { $0.replacingOccurrences(of: "\u{00A0}", with: " ") }
    }

    func string(_ path: String) throws -> String {
        try strings(path).first ?? ""
    }

    /// Every attribute whose name starts with `on` (an event handler) anywhere in the document.
    func eventHandlers() throws -> [String] {
        try strings("//@*[starts-with(translate(local-name(), 'ON', 'on'), 'on')]")
    }
}
