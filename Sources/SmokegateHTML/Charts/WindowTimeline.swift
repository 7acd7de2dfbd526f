/// A span of time as a track, with downtime windows as red bars taller than the track (shape as well as colour),
/// optionally: the time each window's edges could lie in (shaded before its start and its end: an outage begins
/// after the last passing probe), the time before anything was observed (grey), the versions that answered as a
/// strip below with their names, a cutover marker, and ticks with labels.
///
/// Times are plain numbers in any one unit (seconds since the epoch, milliseconds from a watch's start); the
/// caller names them in `summary`, windows' `label`s and ticks' `label`s.
public struct WindowTimeline: Sendable, Hashable {
    /// A stretch of downtime.
    public struct Window: Sendable, Hashable {
        /// The first failing probe.
        public var start: Double
        /// Where the window ends: the first passing probe, or the end of the span while still down.
        public var end: Double
        /// Still down: the bar ends in an arrow.
        public var ongoing: Bool
        /// How long before `start` (and before `end`) the edge may lie: one probe interval; 0 for none.
        public var uncertainty: Double
        /// A tooltip: when, how long, why.
        public var label: String

        public init(start: Double, end: Double, ongoing: Bool = false, uncertainty: Double = 0, label: String) {
            self.start = start
            self.end = end
            self.ongoing = ongoing
            self.uncertainty = uncertainty
            self.label = label
        }
    }

    /// A run of answers from one version.
    public struct VersionSegment: Sendable, Hashable {
        public var version: String
        public var start: Double
        public var end: Double

        public init(version: String, start: Double, end: Double) {
            self.version = version
            self.start = start
            self.end = end
        }
    }

    /// A mark on the axis, labelled when `label` is not empty.
    public struct Tick: Sendable, Hashable {
        public var at: Double
        public var label: String

        public init(at: Double, label: String = "") {
            self.at = at
            self.label = label
        }
    }

    /// The switch to a new version: where it happened and what it says.
    public struct Cutover: Sendable, Hashable {
        public var at: Double
        public var label: String

        public init(at: Double, label: String) {
            self.at = at
            self.label = label
        }
    }

    /// The span the axis covers, left to right.
    public var start: Double
    public var end: Double
    /// Before this nothing was observed (the service had not started, the target did not exist); nil: all of it.
    public var observedFrom: Double?
    /// Downtime windows; parts outside the span are cut off.
    public var windows: [Window]
    /// Drawn as a strip below the track; empty for none.
    public var versions: [VersionSegment]
    public var cutover: Cutover?
    /// Marks on the axis; labelled ones add a row of text below.
    public var ticks: [Tick]
    /// What the chart shows, as a sentence: its title.
    public var summary: String
    /// The viewBox width (the height follows from what is drawn).
    public var width: Double

    public init(start: Double, end: Double, observedFrom: Double? = nil, windows: [Window], versions: [VersionSegment] = [],
                cutover: Cutover? = nil, ticks: [Tick] = [], summary: String, width: Double = 240) {
        self.start = start
        self.end = end > start ? end : start + 1
        self.observedFrom = observedFrom
        self.windows = windows
        self.versions = versions
        self.cutover = cutover
        self.ticks = ticks
        self.summary = summary
        self.width = max(width, 20)
    }

    /// Room at the sides for the cutover diamond and the arrow of an ongoing window.
    static let inset = 4.0
    static let track = (top: 8.0, height: 8.0)
    static let bar = (top: 3.0, height: 18.0)
    static let versionStrip = (gap: 3.0, height: 11.0)
    static let tickLabel = (gap: 2.0, height: 9.0)
    /// A window narrower than this still shows: a 30-second outage in a day is a fraction of a unit.
    static let narrowest = 1.5

    /// The height the parts drawn need.
    public var height: Double {
        var height = Self.bar.top + Self.bar.height + Self.bar.top
        if !versions.isEmpty { height += Self.versionStrip.gap + Self.versionStrip.height }
        if ticks.contains(where: { !$0.label.isEmpty }) { height += Self.tickLabel.gap + Self.tickLabel.height }
        return height
    }

    func x(_ time: Double) -> Double {
        let fraction = (min(max(time, start), end) - start) / (end - start)
        return Self.inset + fraction * (width - 2 * Self.inset)
    }

    /// The chart as one `<svg>` element: `role="img"`, its title first, a viewBox of `width` × `height` drawn at the
    /// width of its container.
    public func svg() -> SVGMarkup {
        var svg = SVGWriter(width: width, height: height, title: summary, classes: "chart timeline")
        let left = x(start), right = x(end)
        let trackY = SVGWriter.number(Self.track.top), trackHeight = SVGWriter.number(Self.track.height)

        // The track: grey where nothing was observed, pale green with a green edge below where it was.
        let observed = observedFrom.map { x($0) } ?? left
        if observed > left {
            svg.titled("rect", ["x": SVGWriter.number(left), "y": trackY, "width": SVGWriter.number(observed - left), "height": trackHeight,
                                "fill": ChartPalette.noData], title: "not observed")
        }
        if right > observed {
            svg.empty("rect", ["x": SVGWriter.number(observed), "y": trackY, "width": SVGWriter.number(right - observed), "height": trackHeight,
                               "fill": ChartPalette.up])
            let edge = Self.track.top + Self.track.height
            svg.empty("path", ["d": "M\(SVGWriter.number(observed)) \(SVGWriter.number(edge))H\(SVGWriter.number(right))",
                               "stroke": ChartPalette.upEdge, "stroke-width": "1"])
        }
        drawTicks(into: &svg)
        drawUncertainty(into: &svg)
        drawWindows(into: &svg)
        drawVersions(into: &svg)
        drawCutover(into: &svg)
        return svg.finish()
    }

    private func drawTicks(into svg: inout SVGWriter) {
        guard !ticks.isEmpty else { return }
        let top = Self.bar.top + Self.bar.height
        var path = ""
        for tick in ticks where tick.at >= start && tick.at <= end {
            path += "M\(SVGWriter.number(x(tick.at))) \(SVGWriter.number(Self.track.top - 2))V\(SVGWriter.number(top))"
        }
        svg.empty("path", ["d": path, "stroke": ChartPalette.muted, "stroke-width": "0.5"])
        let labelled = ticks.filter { !$0.label.isEmpty && $0.at >= start && $0.at <= end }
        guard !labelled.isEmpty else { return }
        let baseline = height - 2
        for tick in labelled {
            let position = x(tick.at)
            let anchor = position < 12 ? "start" : (position > width - 12 ? "end" : "middle")
            svg.element("text", ["x": SVGWriter.number(position), "y": SVGWriter.number(baseline), "font-size": "8", "text-anchor": anchor,
                                 "fill": ChartPalette.muted], text: tick.label)
        }
    }

    private func drawUncertainty(into svg: inout SVGWriter) {
        var path = ""
        for window in windows where window.uncertainty > 0 && window.end >= start && window.start <= end {
            for edge in window.ongoing ? [window.start] : [window.start, window.end] {
                let from = x(edge - window.uncertainty), to = x(edge)
                guard to > from else { continue }
                path += "M\(SVGWriter.number(from)) \(SVGWriter.number(Self.bar.top))h\(SVGWriter.number(to - from))"
                    + "v\(SVGWriter.number(Self.bar.height))h-\(SVGWriter.number(to - from))z"
            }
        }
        if !path.isEmpty { svg.titled("path", ["d": path, "fill": ChartPalette.uncertain], title: "when the edges of the windows may lie") }
    }

    private func drawWindows(into svg: inout SVGWriter) {
        for window in windows where window.end >= start && window.start <= end {
            var from = x(window.start), to = x(max(window.end, window.start))
            if to - from < Self.narrowest {
                let middle = (from + to) / 2
                from = max(Self.inset, middle - Self.narrowest / 2)
                to = min(width - Self.inset, from + Self.narrowest)
            }
            svg.titled("rect", ["x": SVGWriter.number(from), "y": SVGWriter.number(Self.bar.top), "width": SVGWriter.number(to - from),
                                "height": SVGWriter.number(Self.bar.height), "fill": ChartPalette.down], title: window.label)
            if window.ongoing {
                // Still down: an arrow head past the bar's end says it goes on.
                let tip = min(width, to + 4), middle = Self.bar.top + Self.bar.height / 2
                svg.empty("path", ["d": "M\(SVGWriter.number(to)) \(SVGWriter.number(Self.bar.top))L\(SVGWriter.number(tip)) \(SVGWriter.number(middle))"
                                       + "L\(SVGWriter.number(to)) \(SVGWriter.number(Self.bar.top + Self.bar.height))z", "fill": ChartPalette.down])
            }
        }
    }

    private func drawVersions(into svg: inout SVGWriter) {
        guard !versions.isEmpty else { return }
        let top = Self.bar.top + Self.bar.height + Self.bar.top + Self.versionStrip.gap
        for (index, segment) in versions.enumerated() where segment.end >= start && segment.start <= end {
            let from = x(segment.start), to = max(x(segment.end), from + Self.narrowest)
            let colour = ChartPalette.versions[index % ChartPalette.versions.count]
            svg.titled("rect", ["x": SVGWriter.number(from), "y": SVGWriter.number(top), "width": SVGWriter.number(to - from),
                                "height": SVGWriter.number(Self.versionStrip.height), "fill": colour], title: "version \(segment.version)")
            // The name when it fits (about 4.5 units a character at this size), cut short otherwise.
            let room = Int((to - from - 4) / 4.5)
            guard room >= 3 else { continue }
            let name = ChartText.shortened(segment.version, to: room)
            svg.element("text", ["x": SVGWriter.number(from + 2), "y": SVGWriter.number(top + Self.versionStrip.height - 3), "font-size": "8",
                                 "fill": "#ffffff"], text: name)
        }
    }

    private func drawCutover(into svg: inout SVGWriter) {
        guard let cutover, cutover.at >= start, cutover.at <= end else { return }
        let at = x(cutover.at), bottom = height - (ticks.contains { !$0.label.isEmpty } ? Self.tickLabel.gap + Self.tickLabel.height : 0)
        svg.start("g", ["fill": ChartPalette.cutover, "stroke": ChartPalette.cutover])
        svg.element("title", text: cutover.label)
        svg.empty("path", ["d": "M\(SVGWriter.number(at)) 0V\(SVGWriter.number(bottom))", "stroke-width": "1.5", "stroke-dasharray": "3 2"])
        // A diamond on top: the marker's shape.
        svg.empty("path", ["d": "M\(SVGWriter.number(at)) 0l3 3l-3 3l-3 -3z", "stroke": "none"])
        svg.end()
    }
}
