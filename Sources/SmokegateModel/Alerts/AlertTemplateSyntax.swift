import Foundation

/// How `{{name}}` placeholders are found in an alert template: one reading shared by the config check and the
/// renderer, so what loads is exactly what renders.
public enum AlertTemplateSyntax {
    /// One `{{…}}`: its name (nil when unclosed), its range in the text, and its offset in characters for error columns.
    public struct Placeholder: Sendable {
        public var name: String?
        public var range: Range<String.Index>
        public var offset: Int
    }

    /// Every placeholder in `text`, in order; an unclosed `{{` ends the list.
    public static func placeholders(in text: String) -> [Placeholder] {
        var found: [Placeholder] = []
        var searchFrom = text.startIndex
        while let open = text.range(of: "{{", range: searchFrom..<text.endIndex) {
            let offset = text.distance(from: text.startIndex, to: open.lowerBound)
            guard let close = text.range(of: "}}", range: open.upperBound..<text.endIndex) else {
                found.append(Placeholder(name: nil, range: open.lowerBound..<text.endIndex, offset: offset))
                break
            }
            let name = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            found.append(Placeholder(name: name, range: open.lowerBound..<close.upperBound, offset: offset))
            searchFrom = close.upperBound
        }
        return found
    }

    /// `text` with each placeholder replaced by its value (an empty string for a name `values` lacks).
    public static func render(_ text: String, _ values: [String: String]) -> String {
        var output = ""
        var from = text.startIndex
        for placeholder in placeholders(in: text) {
            output += text[from..<placeholder.range.lowerBound]
            output += placeholder.name.flatMap { values[$0] } ?? (placeholder.name == nil ? String(text[placeholder.range]) : "")
            from = placeholder.range.upperBound
        }
        return output + text[from...]
    }
}
