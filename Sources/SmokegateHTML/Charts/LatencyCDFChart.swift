/// Latency samples overlaid as empirical cumulative distributions (the share of probes at or below each latency),
/// each series in its own colour and dash pattern with its percentiles marked (a dot where the curve crosses the
/// level, a dashed drop line, a label), and a margin drawn as a band: where a candidate's percentile may lie
/// against the baseline's before it counts as worse.
///
/// The percentiles are given, not computed here: the report's figures are the one source, and the curve is drawn
/// from the same values.
public struct LatencyCDFChart: Sendable, Hashable {
    /// A percentile to mark: `p95` at level 0.95 is `valueMs`.
    public struct Marker: Sendable, Hashable {
        /// `p95`.
        public var label: String
        /// The percentile as a fraction: 0.95.
        public var level: Double
        public var valueMs: Double

        public init(label: String, level: Double, valueMs: Double) {
            self.label = label
            self.level = level
            self.valueMs = valueMs
        }
    }

    /// One environment's latencies.
    public struct Series: Sendable, Hashable {
        /// The environment: `blue`.
        public var name: String
        /// Every latency, in any order, or evenly spaced quantiles of them (a report's `latencyQuantilesMs`).
        public var valuesMs: [Double]
        /// The percentiles to mark, as the report has them.
        public var markers: [Marker]
        /// How many probes the values stand for (the legend's n): `valuesMs.count` unless they are quantiles.
        public var count: Int

        public init(name: String, valuesMs: [Double], markers: [Marker], count: Int? = nil) {
            self.name = name
            self.valuesMs = valuesMs
            self.markers = markers
            self.count = count ?? valuesMs.count
        }
    }

    /// A band on the latency axis, e.g. from the baseline's p95 to p95 plus the allowed margin.
    public struct Margin: Sendable, Hashable {
        public var fromMs: Double
        public var toMs: Double
        /// What the band means: `green p95 may be up to 20% above blue's`.
        public var label: String

        public init(fromMs: Double, toMs: Double, label: String) {
            self.fromMs = fromMs
            self.toMs = toMs
            self.label = label
        }
    }

    /// The first blue and solid, the second green and dashed, then purple dotted, orange dash-dotted.
    public var series: [Series]
    public var margin: Margin?
    /// What is compared: `GET /cart`.
    public var subject: String
    /// The viewBox, in the chart's own units.
    public var width: Double
    public var height: Double

    public init(series: [Series], margin: Margin? = nil, subject: String, width: Double = 640, height: Double = 300) {
        self.series = series
        self.margin = margin
        self.subject = subject
        self.width = max(width, 200)
        self.height = max(height, 120)
    }

    static let plotInsets = (left: 40.0, right: 14.0, top: 26.0, bottom: 34.0)
    /// The latency axis ends here: past the slowest value, or at 1.5 times the largest marked percentile (or the
    /// margin's end) when a few slow outliers would squash the rest; slower values are drawn at the edge.
    var axisEnd: Double {
        let slowest = series.flatMap(\.valuesMs).filter(\.isFinite).max() ?? 0
        let marked = (series.flatMap { $0.markers.map(\.valueMs) } + [margin?.toMs ?? 0]).filter(\.isFinite).max() ?? 0
        let end = max(marked > 0 ? min(slowest, marked * 1.5) : slowest, marked, 0.001)
        let step = Self.niceStep(end / 5)
        return step * (end / step).rounded(.up)
    }

    /// 1, 2 or 5 times a power of ten, at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        for factor in [1.0, 2, 5, 10] where power * factor >= rough { return power * factor }
        return power * 10
    }

    /// The chart as one `<svg>` element: `role="img"`, its title first, a viewBox of `width` × `height` drawn at the
    /// width of its container.
    public func svg() -> SVGMarkup {
        var svg = SVGWriter(width: width, height: height, title: title, classes: "chart cdf")
        let insets = Self.plotInsets
        let plot = (left: insets.left, right: width - insets.right, top: insets.top, bottom: height - insets.bottom)
        let end = axisEnd
        func x(_ ms: Double) -> Double { plot.left + min(max(ms, 0), end) / end * (plot.right - plot.left) }
        func y(_ level: Double) -> Double { plot.bottom - min(max(level, 0), 1) * (plot.bottom - plot.top) }

        if let margin {
            let from = x(min(margin.fromMs, margin.toMs)), to = x(max(margin.fromMs, margin.toMs))
            svg.titled("rect", ["x": SVGWriter.number(from), "y": SVGWriter.number(plot.top), "width": SVGWriter.number(max(to - from, 1)),
                                "height": SVGWriter.number(plot.bottom - plot.top), "fill": ChartPalette.margin, "stroke": ChartPalette.marginEdge,
                                "stroke-dasharray": "4 2"], title: margin.label)
            // The label at the band's foot: its top is where the baseline's p95 and p99 markers sit.
            svg.element("text", ["x": SVGWriter.number(to - 3), "y": SVGWriter.number(plot.bottom - 5), "font-size": "9", "text-anchor": "end",
                                 "fill": ChartPalette.marginEdge], text: margin.label)
        }
        drawAxes(into: &svg, plot: plot, end: end, x: x, y: y)
        for (index, series) in series.enumerated() {
            let colour = ChartPalette.series[index % ChartPalette.series.count]
            let dashes = ChartPalette.seriesDashes[index % ChartPalette.seriesDashes.count]
            drawCurve(of: series, into: &svg, colour: colour, dashes: dashes, plot: plot, x: x, y: y)
            drawMarkers(of: series, side: index % 2 == 0 ? -1 : 1, into: &svg, colour: colour, plot: plot, x: x, y: y)
        }
        drawLegend(into: &svg)
        return svg.finish()
    }

    private func drawAxes(into svg: inout SVGWriter, plot: (left: Double, right: Double, top: Double, bottom: Double), end: Double,
                          x: (Double) -> Double, y: (Double) -> Double) {
        var grid = ""
        for level in [0.0, 0.25, 0.5, 0.75, 1] {
            grid += "M\(SVGWriter.number(plot.left)) \(SVGWriter.number(y(level)))H\(SVGWriter.number(plot.right))"
            svg.element("text", ["x": SVGWriter.number(plot.left - 4), "y": SVGWriter.number(y(level) + 3), "font-size": "9", "text-anchor": "end",
                                 "fill": ChartPalette.muted], text: "\(Int(level * 100))%")
        }
        let step = Self.niceStep(end / 5)
        var tick = 0.0
        while tick <= end + step / 1000 {
            grid += "M\(SVGWriter.number(x(tick))) \(SVGWriter.number(plot.top))V\(SVGWriter.number(plot.bottom))"
            svg.element("text", ["x": SVGWriter.number(x(tick)), "y": SVGWriter.number(plot.bottom + 12), "font-size": "9", "text-anchor": "middle",
                                 "fill": ChartPalette.muted], text: ChartText.milliseconds(tick))
            tick += step
        }
        svg.empty("path", ["d": grid, "stroke": ChartPalette.grid, "stroke-width": "0.5", "fill": "none"])
        svg.empty("path", ["d": "M\(SVGWriter.number(plot.left)) \(SVGWriter.number(plot.top))V\(SVGWriter.number(plot.bottom))H\(SVGWriter.number(plot.right))",
                           "stroke": ChartPalette.muted, "stroke-width": "1", "fill": "none"])
        svg.element("text", ["x": SVGWriter.number((plot.left + plot.right) / 2), "y": SVGWriter.number(plot.bottom + 27), "font-size": "10",
                             "text-anchor": "middle", "fill": ChartPalette.ink], text: "latency (share of probes at or below)")
    }

    /// The step curve, thinned to one step per half unit of width so ten thousand values cost no more than the
    /// chart is wide.
    private func drawCurve(of series: Series, into svg: inout SVGWriter, colour: String, dashes: String,
                           plot: (left: Double, right: Double, top: Double, bottom: Double), x: (Double) -> Double, y: (Double) -> Double) {
        let values = series.valuesMs.filter(\.isFinite).sorted()
        guard !values.isEmpty else { return }
        var path = "M\(SVGWriter.number(plot.left)) \(SVGWriter.number(y(0)))"
        var currentX = plot.left, pendingLevel: Double?, index = 0
        while index < values.count {
            var next = index
            while next < values.count && values[next] == values[index] { next += 1 }
            let stepX = (x(values[index]) * 2).rounded() / 2
            if stepX > currentX {
                if let pendingLevel { path += "V\(SVGWriter.number(y(pendingLevel)))" }
                path += "H\(SVGWriter.number(stepX))"
                currentX = stepX
            }
            pendingLevel = Double(next) / Double(values.count)
            index = next
        }
        if let pendingLevel { path += "V\(SVGWriter.number(y(pendingLevel)))" }
        path += "H\(SVGWriter.number(plot.right))"
        svg.empty("path", ["d": path, "fill": "none", "stroke": colour, "stroke-width": "2", "stroke-dasharray": dashes])
    }

    private func drawMarkers(of series: Series, side: Double, into svg: inout SVGWriter, colour: String,
                             plot: (left: Double, right: Double, top: Double, bottom: Double), x: (Double) -> Double, y: (Double) -> Double) {
        for marker in series.markers where marker.valueMs.isFinite {
            let at = x(marker.valueMs), level = y(marker.level)
            svg.start("g", ["fill": colour, "stroke": colour])
            svg.element("title", text: "\(series.name) \(marker.label) \(ChartText.milliseconds(marker.valueMs))")
            svg.empty("path", ["d": "M\(SVGWriter.number(at)) \(SVGWriter.number(level))V\(SVGWriter.number(plot.bottom))", "stroke-width": "1",
                               "stroke-dasharray": "2 2"])
            svg.empty("circle", ["cx": SVGWriter.number(at), "cy": SVGWriter.number(level), "r": "2.5"])
            svg.element("text", ["x": SVGWriter.number(at + side * 4), "y": SVGWriter.number(level + 3), "font-size": "9", "stroke": "none",
                                 "text-anchor": side < 0 ? "end" : "start"], text: marker.label)
            svg.end()
        }
    }

    private func drawLegend(into svg: inout SVGWriter) {
        var left = Self.plotInsets.left
        for (index, series) in series.enumerated() {
            let colour = ChartPalette.series[index % ChartPalette.series.count]
            let dashes = ChartPalette.seriesDashes[index % ChartPalette.seriesDashes.count]
            let line = "M\(SVGWriter.number(left)) 12h22"
            svg.empty("path", ["d": line, "stroke": colour, "stroke-width": "2", "stroke-dasharray": dashes])
            let name = ChartText.shortened(series.name, to: 24)
            let label = "\(name) (n=\(series.count))"
            svg.element("text", ["x": SVGWriter.number(left + 26), "y": "15", "font-size": "10", "fill": ChartPalette.ink], text: label)
            left += 26 + Double(label.count) * 5.6 + 14
        }
    }

    /// `Latency of GET /cart, cumulative: blue n=200, p50 12ms, p95 30ms; green n=200, …; margin: …`
    var title: String {
        var parts = series.map { series in
            ([series.name, "n=\(series.count)"] + series.markers.map { "\($0.label) \(ChartText.milliseconds($0.valueMs))" })
                .joined(separator: ", ")
        }
        if let margin { parts.append(margin.label) }
        return "Latency of \(subject), share of probes at or below each latency: " + parts.joined(separator: "; ") + "."
    }
}
