/// Builds one `<svg>` element as text. Every attribute value and text goes through `MarkupEscaping`, numbers are
/// written short (at most two decimals), so the drawing code cannot emit markup it did not mean to.
struct SVGWriter {
    private(set) var text = ""
    private var open: [String] = []

    /// Starts `<svg>` with a `viewBox` of `width` × `height`, drawn at the width of its container (a phone's too),
    /// `role="img"` and a `<title>`: its accessible name and tooltip.
    init(width: Double, height: Double, title: String, classes: String) {
        text.reserveCapacity(1024)
        start("svg", ["viewBox": "0 0 \(Self.number(width)) \(Self.number(height))", "width": "100%", "role": "img", "class": classes])
        element("title", text: title)
    }

    /// The finished markup, every element closed.
    consuming func finish() -> SVGMarkup {
        while let name = open.popLast() { text += "</\(name)>" }
        return SVGMarkup(text)
    }

    /// Opens `name`, to be closed by `end()` (or `finish()`).
    mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        text += "<" + name
        for (key, value) in attributes { attribute(key, value) }
        text += ">"
        open.append(name)
    }

    mutating func end() {
        if let name = open.popLast() { text += "</\(name)>" }
    }

    /// An element without children.
    mutating func empty(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        text += "<" + name
        for (key, value) in attributes { attribute(key, value) }
        text += "/>"
    }

    /// An element with only text inside.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text content: String) {
        text += "<" + name
        for (key, value) in attributes { attribute(key, value) }
        text += ">" + MarkupEscaping.escape(content) + "</\(name)>"
    }

    /// An element without children but with a `<title>` (a tooltip naming what it is).
    mutating func titled(_ name: String, _ attributes: KeyValuePairs<String, String>, title: String) {
        text += "<" + name
        for (key, value) in attributes { attribute(key, value) }
        text += "><title>" + MarkupEscaping.escape(title) + "</title></\(name)>"
    }

    /// An attribute with an empty value is left out (a series without dashes has no `stroke-dasharray`).
    private mutating func attribute(_ key: String, _ value: String) {
        guard !value.isEmpty else { return }
        text += " " + key + "=\"" + MarkupEscaping.escape(value) + "\""
    }

    /// `12`, `12.5`, `12.25`: `decimals` (one or two) at most, no trailing zeros, no exponent, `-0` as `0`; non-finite
    /// as 0. One decimal is a fifth of a pixel for a chart drawn at twice its viewBox width, and keeps a page of a
    /// thousand sparklines small.
    static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        let scale = decimals == 1 ? 10.0 : 100.0
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 1e15 else { return "0" }
        let units = Int64(scaled)
        if units == 0 { return "0" }
        let sign = units < 0 ? "-" : ""
        let magnitude = units.magnitude
        let whole = magnitude / UInt64(scale), fraction = magnitude % UInt64(scale)
        if fraction == 0 { return sign + String(whole) }
        if decimals == 1 { return sign + String(whole) + "." + String(fraction) }
        if fraction % 10 == 0 { return sign + String(whole) + "." + String(fraction / 10) }
        return sign + String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
