/// Where the time of a probe goes, one horizontal bar per environment: its phases (DNS, connect, TLS, server,
/// transfer…) stacked in order, each phase one colour across bars and named in a legend, in the segment when it
/// fits and in each segment's tooltip; the bar's total at its end. All bars share one scale.
public struct PhaseBarChart: Sendable, Hashable {
    /// One phase's time in milliseconds (a median, say: the caller says which in `subject`).
    public struct Segment: Sendable, Hashable {
        /// `dns`, `connect`, `tls`, `server`, `transfer`…
        public var phase: String
        public var ms: Double

        public init(phase: String, ms: Double) {
            self.phase = phase
            self.ms = ms
        }
    }

    /// One environment's phases, in the order they happen.
    public struct Bar: Sendable, Hashable {
        /// The environment.
        public var label: String
        public var segments: [Segment]

        public init(label: String, segments: [Segment]) {
            self.label = label
            self.segments = segments
        }
    }

    /// One per environment, top to bottom.
    public var bars: [Bar]
    /// What the bars are: `median phase timings of GET /cart`.
    public var subject: String
    /// The viewBox width (the height follows from the bars).
    public var width: Double

    public init(bars: [Bar], subject: String, width: Double = 640) {
        self.bars = bars
        self.subject = subject
        self.width = max(width, 200)
    }

    static let labelWidth = 84.0
    static let totalWidth = 56.0
    static let row = (height: 22.0, gap: 8.0)
    static let legendHeight = 20.0

    /// Phases in the order they first appear, so a phase keeps its colour in every bar.
    var phases: [String] {
        var seen: [String] = []
        for segment in bars.flatMap(\.segments) where !seen.contains(segment.phase) { seen.append(segment.phase) }
        return seen
    }

    /// The viewBox height: a row per bar and the legend.
    public var height: Double {
        Double(bars.count) * (Self.row.height + Self.row.gap) + Self.legendHeight + 6
    }

    /// The chart as one `<svg>` element: `role="img"`, its title first, a viewBox of `width` × `height` drawn at the
    /// width of its container.
    public func svg() -> SVGMarkup {
        var svg = SVGWriter(width: width, height: height, title: title, classes: "chart phases")
        let phases = phases
        let longest = bars.map { $0.segments.reduce(0) { $0 + max($1.ms, 0) } }.max() ?? 0
        let room = width - Self.labelWidth - Self.totalWidth
        func colour(_ phase: String) -> String {
            ChartPalette.phases[(phases.firstIndex(of: phase) ?? 0) % ChartPalette.phases.count]
        }
        for (row, bar) in bars.enumerated() {
            let top = 4 + Double(row) * (Self.row.height + Self.row.gap)
            let middle = top + Self.row.height / 2 + 3.5
            svg.element("text", ["x": SVGWriter.number(Self.labelWidth - 6), "y": SVGWriter.number(middle), "font-size": "10", "text-anchor": "end",
                                 "fill": ChartPalette.ink], text: ChartText.shortened(bar.label, to: 14))
            var left = Self.labelWidth
            var total = 0.0
            for segment in bar.segments where segment.ms > 0 {
                let length = longest > 0 ? segment.ms / longest * room : 0
                svg.titled("rect", ["x": SVGWriter.number(left), "y": SVGWriter.number(top), "width": SVGWriter.number(length),
                                    "height": SVGWriter.number(Self.row.height), "fill": colour(segment.phase), "stroke": "#ffffff", "stroke-width": "1"],
                           title: "\(bar.label): \(segment.phase) \(ChartText.milliseconds(segment.ms))")
                let fits = Int((length - 6) / 5.5)
                if fits >= 3 {
                    svg.element("text", ["x": SVGWriter.number(left + 3), "y": SVGWriter.number(middle), "font-size": "9", "fill": "#ffffff"],
                                text: ChartText.shortened(segment.phase, to: fits))
                }
                left += length
                total += segment.ms
            }
            svg.element("text", ["x": SVGWriter.number(left + 4), "y": SVGWriter.number(middle), "font-size": "10", "fill": ChartPalette.ink],
                        text: ChartText.milliseconds(total))
        }
        // The legend: a swatch and a name per phase, wrapping to the chart's width is not needed for the handful of
        // phases a probe has; names are cut at 12 characters.
        var left = Self.labelWidth
        let top = height - Self.legendHeight
        for phase in phases {
            let name = ChartText.shortened(phase, to: 12)
            guard left + 14 + Double(name.count) * 5.5 <= width else { break }
            svg.empty("rect", ["x": SVGWriter.number(left), "y": SVGWriter.number(top + 4), "width": "10", "height": "10", "fill": colour(phase)])
            svg.element("text", ["x": SVGWriter.number(left + 13), "y": SVGWriter.number(top + 13), "font-size": "10", "fill": ChartPalette.ink], text: name)
            left += 13 + Double(name.count) * 5.5 + 12
        }
        return svg.finish()
    }

    /// `Median phase timings of GET /cart: blue: dns 1ms, connect 2ms, … (total 30ms); green: …`
    var title: String {
        let parts = bars.map { bar in
            let total = bar.segments.reduce(0) { $0 + max($1.ms, 0) }
            return "\(bar.label): " + bar.segments.map { "\($0.phase) \(ChartText.milliseconds($0.ms))" }.joined(separator: ", ")
                + " (total \(ChartText.milliseconds(total)))"
        }
        return "\(subject): " + parts.joined(separator: "; ") + "."
    }
}
