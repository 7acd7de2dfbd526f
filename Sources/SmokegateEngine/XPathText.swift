import SmokegateDocuments
import SmokegateModel

/// Text from an XML or HTML document as a person reads it: XPath 1.0's `normalize-space`, which strips leading and
/// trailing whitespace and turns every run of whitespace inside into one space (`"\n  Acme  Shop\n"` is
/// `"Acme Shop"`). Whitespace is XML's: space, tab, carriage return and line feed.
enum XPathText {
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
    }

    /// Strings normalized, inside arrays too; other values as they are.
    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(normalized(text))
        case .array(let items): .array(items.map(normalized))
        default: value
        }
    }
}

extension ValueMatcher.Predicate {
    /// Whether the predicate compares text (and so sees it normalized in XPath results).
    var comparesText: Bool {
        switch self {
        case .equals, .notEquals, .contains, .notContains: true
        default: false
        }
    }
}
