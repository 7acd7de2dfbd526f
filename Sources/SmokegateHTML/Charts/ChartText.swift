import SmokegateModel

/// How charts write the numbers and names they show.
enum ChartText {
    /// A latency as reports write it: `850µs`, `12.3ms`, `1.50s`.
    static func milliseconds(_ value: Double) -> String {
        DurationText.format(microseconds: value * 1000)
    }

    /// `text` cut to `characters`, the last one an ellipsis: labels inside a chart have the room they have (the
    /// whole name stays in the element's title).
    static func shortened(_ text: String, to characters: Int) -> String {
        text.count <= characters ? text : String(text.prefix(max(characters - 1, 1))) + "…"
    }
}
