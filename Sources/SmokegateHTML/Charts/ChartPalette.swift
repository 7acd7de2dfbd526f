/// The charts' colours, on a white background. Marks that carry meaning (the latency line, failures, down
/// windows, series, phases) are at least 4.5:1 against white, so they also hold text; pale fills are backgrounds
/// only, and every state is told by shape or text as well (a failed probe is a triangle, a down window a taller bar).
enum ChartPalette {
    static let ink = "#1f2328"
    static let muted = "#59636e"
    static let grid = "#d1d9e0"
    static let line = "#0550ae"
    static let down = "#c21c2c"
    static let downPale = "#ffd8d3"
    static let uncertain = "#f5a3a0"
    static let up = "#dafbe1"
    static let upEdge = "#1a7f37"
    static let noData = "#eff2f5"
    static let cutover = "#6639ba"
    static let margin = "#fff1c2"
    static let marginEdge = "#9a6700"
    /// Two latency samples (or more): blue, green, then others; the second also dashed, the third dotted.
    static let series = ["#0969da", "#1a7f37", "#8250df", "#bc4c00"]
    static let seriesDashes = ["", "6 3", "2 2", "8 2 2 2"]
    /// Phases in the order they happen: DNS, connect, TLS, server, transfer, then others.
    static let phases = ["#6639ba", "#0969da", "#bf3989", "#bc4c00", "#1a7f37", "#0e7c86", "#59636e", "#953800"]
    /// Version segments alternate between these, labelled in white.
    static let versions = ["#0550ae", "#6639ba"]
}
