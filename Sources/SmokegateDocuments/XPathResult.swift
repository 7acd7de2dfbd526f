/// The markup language of a response body, which picks libxml2's XML or HTML parser.
public enum MarkupKind: Sendable, Hashable {
    /// Well-formed XML; a malformed body is an error.
    case xml
    /// HTML as browsers see it: the parser recovers from broken markup.
    case html
}

/// What an XPath expression evaluated to.
public enum XPathResult: Sendable, Hashable {
    /// The string-value of each selected node, in document order.
    case nodes([String])
    case boolean(Bool)
    case number(Double)
    case string(String)
}
