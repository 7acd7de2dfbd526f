/// A target's last probes as a small line of their latencies, oldest on the left: failed probes get a pale band
/// behind them and a red triangle on the baseline (shape as well as colour), probes without an answer break the
/// line. Scaled from zero to the slowest probe, so the height reads as latency.
public struct Sparkline: Sendable, Hashable {
    /// One probe: its latency in milliseconds (nil when no answer came) and whether it failed.
    public struct Probe: Sendable, Hashable {
        public var latencyMs: Double?
        public var failed: Bool

        public init(latencyMs: Double?, failed: Bool) {
            self.latencyMs = latencyMs
            self.failed = failed
        }
    }

    /// Oldest first.
    public var probes: [Probe]
    /// What was probed, for the chart's title: `shop/home in blue`.
    public var subject: String
    /// The viewBox, in the chart's own units (the chart scales to its container).
    public var width: Double
    public var height: Double

    public init(probes: [Probe], subject: String, width: Double = 120, height: Double = 28) {
        self.probes = probes
        self.subject = subject
        self.width = max(width, 8)
        self.height = max(height, 8)
    }

    /// Space kept free around the line (and below it for the failure marks).
    static let inset = 1.5
    static let markHeight = 4.0

    /// The chart as one `<svg>` element: `role="img"`, its title first, a viewBox of `width` × `height` drawn at the
    /// width of its container.
    public func svg() -> SVGMarkup {
        var svg = SVGWriter(width: width, height: height, title: title, classes: "chart sparkline")
        let bottom = height - Self.inset
        guard !probes.isEmpty else {
            svg.empty("line", ["x1": "0", "y1": SVGWriter.number(bottom), "x2": SVGWriter.number(width), "y2": SVGWriter.number(bottom),
                               "stroke": ChartPalette.grid, "stroke-dasharray": "3 3"])
            return svg.finish()
        }
        let slowest = probes.compactMap(\.latencyMs).max() ?? 0
        let step = probes.count > 1 ? (width - 2 * Self.inset) / Double(probes.count - 1) : 0
        let lineBottom = bottom - Self.markHeight - 1
        func x(_ index: Int) -> Double { probes.count > 1 ? Self.inset + Double(index) * step : width / 2 }
        func y(_ latency: Double) -> Double {
            slowest > 0 ? lineBottom - max(0, latency) / slowest * (lineBottom - Self.inset) : lineBottom
        }

        func number(_ value: Double) -> String { SVGWriter.number(value, decimals: 1) }

        // Failed probes: a pale band behind each run of them (drawn first), a triangle on the baseline for each.
        let band = max(step, 2)
        var bands = "", marks = ""
        var index = 0
        while index < probes.count {
            guard probes[index].failed else { index += 1; continue }
            var last = index
            while last + 1 < probes.count && probes[last + 1].failed { last += 1 }
            let left = max(0, x(index) - band / 2), right = min(width, x(last) + band / 2)
            bands += "M\(number(left)) 0H\(number(right))V\(number(height))H\(number(left))z"
            for failed in index...last {
                marks += "M\(number(x(failed) - 2)) \(number(bottom))l2 -\(number(Self.markHeight))l2 \(number(Self.markHeight))z"
            }
            index = last + 1
        }
        if !bands.isEmpty { svg.empty("path", ["d": bands, "fill": ChartPalette.downPale]) }

        // The line: one path, a gap wherever a probe has no latency; a lone point is a short stroke, so it shows.
        var line = ""
        for (index, probe) in probes.enumerated() {
            guard let latency = probe.latencyMs else { continue }
            let previous = index > 0 ? probes[index - 1].latencyMs : nil
            let next = index + 1 < probes.count ? probes[index + 1].latencyMs : nil
            let point = number(x(index)) + " " + number(y(latency))
            switch (previous, next) {
            case (nil, nil): line += "M\(number(x(index) - 1)) \(number(y(latency)))h2"
            case (nil, _): line += "M" + point
            default: line += "L" + point
            }
        }
        if !line.isEmpty {
            svg.empty("path", ["d": line, "fill": "none", "stroke": ChartPalette.line, "stroke-width": "1.5",
                               "stroke-linejoin": "round", "stroke-linecap": "round"])
        }
        if !marks.isEmpty { svg.empty("path", ["d": marks, "fill": ChartPalette.down]) }
        return svg.finish()
    }

    /// `Latency of the last 60 probes of shop/home in blue: 12ms to 48ms, latest 20ms; 3 failed.`
    var title: String {
        guard !probes.isEmpty else { return "No probes of \(subject) yet." }
        let latencies = probes.compactMap(\.latencyMs)
        var text = "Latency of the last \(probes.count) probe\(probes.count == 1 ? "" : "s") of \(subject): "
        if let fastest = latencies.min(), let slowest = latencies.max() {
            text += fastest == slowest ? ChartText.milliseconds(fastest) : "\(ChartText.milliseconds(fastest)) to \(ChartText.milliseconds(slowest))"
            text += probes.last?.latencyMs.map { ", latest \(ChartText.milliseconds($0))" } ?? ", latest without an answer"
        } else {
            text += "no answer"
        }
        let failed = probes.count { $0.failed }
        text += failed == 0 ? "; none failed." : "; \(failed) failed."
        return text
    }
}
