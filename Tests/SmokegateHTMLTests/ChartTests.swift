import Foundation
@testable import SmokegateHTML
import Testing

/// The drawing code on its own: each chart is well-formed SVG (libxml2's strict XML parser), an image with a title,
/// draws within its viewBox, puts marks where the numbers say, and writes hostile text as text.
@Suite struct ChartTests {
    static let hostile = ["<script>alert(1)</script>", "x\" onload=\"alert(2)", "\"onload=", "</style><b>bold</b>", "a & b 'quoted'"]

    /// Parses `svg` as XML, checks it is an image with `title`, nothing outside its viewBox, no script or handler.
    @discardableResult
    static func checked(_ svg: SVGMarkup, title: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> MarkupProbe {
        let probe = MarkupProbe(svg.text)
        #expect(try probe.count("/*[local-name()='svg']") == 1, sourceLocation: sourceLocation)
        #expect(try probe.string("/*/@role") == "img", sourceLocation: sourceLocation)
        #expect(try probe.string("/*/@width") == "100%", sourceLocation: sourceLocation)
        if let title { #expect(try probe.string("/*/*[local-name()='title']") == title, sourceLocation: sourceLocation) }
        #expect(try probe.count("//*[local-name()='script' or local-name()='foreignObject']") == 0, sourceLocation: sourceLocation)
        #expect(try probe.eventHandlers().isEmpty, sourceLocation: sourceLocation)
        let geometry = try SVGGeometry(svg.text)
        #expect(geometry.outside.isEmpty, "outside the viewBox \(geometry.viewBox): \(geometry.outside)", sourceLocation: sourceLocation)
        return probe
    }

    // MARK: numbers

    @Test func numbersAreShortAndFinite() {
        #expect(SVGWriter.number(12) == "12")
        #expect(SVGWriter.number(12.5) == "12.5")
        #expect(SVGWriter.number(12.25) == "12.25")
        #expect(SVGWriter.number(12.254) == "12.25")
        #expect(SVGWriter.number(0.05) == "0.05")
        #expect(SVGWriter.number(-3.1) == "-3.1")
        #expect(SVGWriter.number(-0.001) == "0")
        #expect(SVGWriter.number(.nan) == "0")
        #expect(SVGWriter.number(.infinity) == "0")
        #expect(SVGWriter.number(1e30) == "0")
        #expect(SVGWriter.number(12.25, decimals: 1) == "12.3")
        #expect(SVGWriter.number(12.04, decimals: 1) == "12")
        #expect(SVGWriter.number(-0.06, decimals: 1) == "-0.1")
    }

    // MARK: sparkline

    @Test func sparklinePutsTheSlowestProbeAtTheTopAndMarksEachFailure() throws {
        let probes: [Sparkline.Probe] = [
            .init(latencyMs: 10, failed: false), .init(latencyMs: 40, failed: false), .init(latencyMs: nil, failed: true),
            .init(latencyMs: 20, failed: false), .init(latencyMs: 30, failed: true), .init(latencyMs: 0, failed: false),
        ]
        let svg = Sparkline(probes: probes, subject: "shop/home in blue", width: 100, height: 30).svg()
        let probe = try Self.checked(svg, title: "Latency of the last 6 probes of shop/home in blue: 0µs to 40ms, latest 0µs; 2 failed.")
        // The line: two runs (the probe without an answer breaks it), the slowest at the top inset, zero at the bottom.
        let line = try probe.string("//*[local-name()='path'][@stroke='\(ChartPalette.line)']/@d")
        let points = try SVGGeometry.pathPoints(line)
        #expect(line.filter { $0 == "M" }.count == 2, "\(line)")
        let top = Sparkline.inset, bottom = 30 - Sparkline.inset - Sparkline.markHeight - 1
        let step = (100 - 2 * Sparkline.inset) / 5
        #expect(points.contains { abs($0.x - (Sparkline.inset + step)) < 0.06 && abs($0.y - top) < 0.06 }, "\(points)")
        #expect(points.contains { abs($0.x - (Sparkline.inset + 5 * step)) < 0.06 && abs($0.y - bottom) < 0.06 }, "\(points)")
        #expect(!points.contains { abs($0.x - (Sparkline.inset + 2 * step)) < 0.5 }, "the unanswered probe has no point")
        // Failures: one closed triangle each in the marks, one band each behind, at the failed probes' places.
        let marks = try probe.string("//*[local-name()='path'][@fill='\(ChartPalette.down)']/@d")
        #expect(marks.filter { $0 == "z" }.count == 2)
        let markXs = try SVGGeometry.pathPoints(marks).map(\.x)
        for failed in [2.0, 4.0] { #expect(markXs.contains { abs($0 - (Sparkline.inset + failed * step)) < 0.06 }, "\(markXs)") }
        #expect(try probe.string("//*[local-name()='path'][@fill='\(ChartPalette.downPale)']/@d").filter { $0 == "z" }.count == 2)
    }

    @Test func sparklineOfNothingOrOneProbeStillDraws() throws {
        let empty = try Self.checked(Sparkline(probes: [], subject: "x").svg(), title: "No probes of x yet.")
        #expect(try empty.count("//*[local-name()='line']") == 1)
        let one = try Self.checked(Sparkline(probes: [.init(latencyMs: 5, failed: false)], subject: "x").svg())
        // A lone point is a dot (a short stroke), not an invisible move.
        #expect(try one.string("//*[local-name()='path']/@d").contains("h2"))
        let unanswered = try Self.checked(Sparkline(probes: [.init(latencyMs: nil, failed: true)], subject: "x").svg(),
                                          title: "Latency of the last 1 probe of x: no answer; 1 failed.")
        #expect(try unanswered.count("//*[local-name()='path'][@stroke='\(ChartPalette.line)']") == 0)
    }

    @Test func sparklineWritesAHostileSubjectAsText() throws {
        for name in Self.hostile {
            let probe = try Self.checked(Sparkline(probes: [.init(latencyMs: 1, failed: false)], subject: name).svg())
            #expect(try probe.string("/*/*[local-name()='title']").contains(name))
        }
    }

    // MARK: window timeline

    @Test func timelinePlacesWindowsOnTheAxis() throws {
        let timeline = WindowTimeline(
            start: 0, end: 1000, observedFrom: 100,
            windows: [.init(start: 250, end: 500, uncertainty: 50, label: "first"), .init(start: 700, end: 700.5, label: "short"),
                      .init(start: 900, end: 1000, ongoing: true, uncertainty: 50, label: "still down")],
            ticks: [.init(at: 500, label: "noon")], summary: "three windows", width: 208)
        let probe = try Self.checked(timeline.svg(), title: "three windows")
        func x(_ t: Double) -> Double { WindowTimeline.inset + t / 1000 * (208 - 2 * WindowTimeline.inset) }
        let bars = try probe.strings("//*[local-name()='rect'][@fill='\(ChartPalette.down)']/@x").compactMap(Double.init)
        let widths = try probe.strings("//*[local-name()='rect'][@fill='\(ChartPalette.down)']/@width").compactMap(Double.init)
        #expect(try probe.strings("//*[local-name()='rect'][@fill='\(ChartPalette.down)']/*[local-name()='title']") == ["first", "short", "still down"])
        #expect(abs(bars[0] - x(250)) < 0.01 && abs(widths[0] - (x(500) - x(250))) < 0.02, "\(bars) \(widths)")
        // A window of half a unit of time still shows at the narrowest width, centred on it.
        #expect(abs(widths[1] - WindowTimeline.narrowest) < 0.01 && abs(bars[1] + widths[1] / 2 - x(700.25)) < 0.02)
        // The unobserved start is grey; the ongoing window ends in an arrow; the uncertainty shades before each edge
        // (the ongoing window's start only): three closed shapes.
        #expect(try probe.string("//*[local-name()='rect'][@fill='\(ChartPalette.noData)']/@width").isEmpty == false)
        #expect(abs(Double(try probe.string("//*[local-name()='rect'][@fill='\(ChartPalette.noData)']/@width")) ?? 0) - (x(100) - x(0)) < 0.01)
        #expect(try probe.string("//*[local-name()='path'][@fill='\(ChartPalette.uncertain)']/@d").filter { $0 == "z" }.count == 3)
        #expect(try probe.count("//*[local-name()='path'][@fill='\(ChartPalette.down)']") == 1)
        #expect(try probe.strings("//*[local-name()='text']") == ["noon"])
    }

    @Test func timelineDrawsVersionsAndTheCutover() throws {
        let timeline = WindowTimeline(
            start: 0, end: 600, windows: [],
            versions: [.init(version: "1.4.2", start: 0, end: 300), .init(version: "<script>alert(1)</script>-very-long-version", start: 300, end: 600)],
            cutover: .init(at: 300, label: "cutover from 1.4.2 to the new version"), summary: "versions", width: 300)
        let probe = try Self.checked(timeline.svg())
        #expect(try probe.strings("//*[local-name()='rect']/*[local-name()='title']")
            == ["version 1.4.2", "version <script>alert(1)</script>-very-long-version"])
        let labels = try probe.strings("//*[local-name()='text']")
        #expect(labels.first == "1.4.2")
        #expect(labels.count == 2 && labels[1].hasSuffix("…") && labels[1].hasPrefix("<script>"), "\(labels)")
        #expect(try probe.string("//*[local-name()='g']/*[local-name()='title']") == "cutover from 1.4.2 to the new version")
        #expect(timeline.height > WindowTimeline(start: 0, end: 1, windows: [], summary: "").height)
    }

    @Test func timelineClipsWindowsToItsSpan() throws {
        let timeline = WindowTimeline(start: 1000, end: 2000, windows: [.init(start: 0, end: 1500, uncertainty: 100, label: "began earlier"),
                                                                          .init(start: 0, end: 10, label: "before")],
                                      summary: "clipped")
        let probe = try Self.checked(timeline.svg())
        #expect(try probe.strings("//*[local-name()='rect']/*[local-name()='title']") == ["began earlier"])
    }

    // MARK: CDF

    @Test func cdfStepsThroughEachValueAndMarksPercentiles() throws {
        let chart = LatencyCDFChart(
            series: [.init(name: "blue", valuesMs: [10, 20, 30, 40], markers: [.init(label: "p50", level: 0.5, valueMs: 20)]),
                     .init(name: "green", valuesMs: [15, 15, 35, 45], markers: [.init(label: "p95", level: 0.95, valueMs: 45)])],
            margin: .init(fromMs: 20, toMs: 26, label: "p50 margin +30%"), subject: "GET /cart", width: 400, height: 240)
        let probe = try Self.checked(chart.svg())
        let insets = LatencyCDFChart.plotInsets
        let end = chart.axisEnd
        #expect(end == 50)
        func x(_ ms: Double) -> Double { insets.left + ms / end * (400 - insets.left - insets.right) }
        func y(_ level: Double) -> Double { 240 - insets.bottom - level * (240 - insets.bottom - insets.top) }
        let blue = try SVGGeometry.pathPoints(probe.string("//*[local-name()='path'][@stroke='\(ChartPalette.series[0])'][@fill='none']/@d"))
        for (value, level) in [(10.0, 0.25), (20, 0.5), (30, 0.75), (40, 1)] {
            #expect(blue.contains { abs($0.x - x(value)) < 0.3 && abs($0.y - y(level)) < 0.01 }, "\(value): \(blue)")
        }
        // The tie at 15 is one step of half the values; green is dashed, blue is not.
        let green = try SVGGeometry.pathPoints(probe.string("//*[local-name()='path'][@stroke='\(ChartPalette.series[1])'][@fill='none']/@d"))
        #expect(green.contains { abs($0.x - x(15)) < 0.3 && abs($0.y - y(0.5)) < 0.01 } && !green.contains { abs($0.y - y(0.25)) < 0.01 })
        #expect(try probe.count("//*[local-name()='path'][@stroke='\(ChartPalette.series[1])'][@fill='none'][@stroke-dasharray]") == 1)
        #expect(try probe.count("//*[local-name()='path'][@stroke='\(ChartPalette.series[0])'][@fill='none'][@stroke-dasharray]") == 0)
        // Markers: a dot where the level meets the value, labelled.
        let circles = zip(try probe.strings("//*[local-name()='circle']/@cx").compactMap(Double.init),
                          try probe.strings("//*[local-name()='circle']/@cy").compactMap(Double.init)).map { ($0, $1) }
        #expect(circles.count == 2)
        #expect(abs(circles[0].0 - x(20)) < 0.01 && abs(circles[0].1 - y(0.5)) < 0.01)
        #expect(abs(circles[1].0 - x(45)) < 0.01 && abs(circles[1].1 - y(0.95)) < 0.01)
        #expect(try probe.strings("//*[local-name()='g']/*[local-name()='text']") == ["p50", "p95"])
        // The margin band spans its range.
        let band = try probe.string("//*[local-name()='rect'][@fill='\(ChartPalette.margin)']/@x")
        let bandWidth = try probe.string("//*[local-name()='rect'][@fill='\(ChartPalette.margin)']/@width")
        #expect(abs((Double(band) ?? 0) - x(20)) < 0.01 && abs((Double(bandWidth) ?? 0) - (x(26) - x(20))) < 0.02)
        #expect(try probe.string("/*/*[local-name()='title']")
            == "Latency of GET /cart, share of probes at or below each latency: blue, n=4, p50 20ms; green, n=4, p95 45ms; p50 margin +30%.")
    }

    @Test func cdfOfManyValuesStaysSmallAndCutsOutliersAtTheEdge() throws {
        let values = (0..<10_000).map { Double($0 % 1000) / 10 } + [60_000]
        let chart = LatencyCDFChart(series: [.init(name: "blue", valuesMs: values, markers: [.init(label: "p99", level: 0.99, valueMs: 99)])],
                                    subject: "many", width: 640, height: 300)
        let probe = try Self.checked(chart.svg())
        // The axis ends near 1.5 × p99, not at the one-minute outlier.
        #expect(chart.axisEnd <= 200, "\(chart.axisEnd)")
        let path = try probe.string("//*[local-name()='path'][@fill='none'][@stroke='\(ChartPalette.series[0])']/@d")
        #expect(try SVGGeometry.pathPoints(path).count < 4 * 640, "\(path.count) characters")
    }

    @Test func cdfWritesHostileNamesAsText() throws {
        for name in Self.hostile {
            let chart = LatencyCDFChart(series: [.init(name: name, valuesMs: [1, 2], markers: [.init(label: name, level: 0.5, valueMs: 1)])],
                                        margin: .init(fromMs: 1, toMs: 2, label: name), subject: name)
            let probe = try Self.checked(chart.svg())
            #expect(try probe.strings("//*[local-name()='text']").filter { $0 == name }.count == 2)
        }
    }

    @Test func cdfWithoutValuesDrawsAxesOnly() throws {
        let chart = LatencyCDFChart(series: [.init(name: "blue", valuesMs: [], markers: [])], subject: "nothing")
        let probe = try Self.checked(chart.svg())
        #expect(try probe.count("//*[local-name()='path'][@stroke='\(ChartPalette.series[0])'][@fill='none']") == 0)
    }

    // MARK: phase bars

    @Test func phaseBarsShareOneScaleAndOneColourPerPhase() throws {
        let chart = PhaseBarChart(bars: [
            .init(label: "blue", segments: [.init(phase: "connect", ms: 10), .init(phase: "server", ms: 70), .init(phase: "transfer", ms: 20)]),
            .init(label: "green", segments: [.init(phase: "connect", ms: 10), .init(phase: "server", ms: 40)]),
        ], subject: "Median phase timings of GET /cart", width: 500)
        let probe = try Self.checked(chart.svg())
        let room = 500 - PhaseBarChart.labelWidth - PhaseBarChart.totalWidth
        let widths = try probe.strings("//*[local-name()='rect'][*[local-name()='title']]/@width").compactMap(Double.init)
        #expect(widths.count == 5)
        for (width, ms) in zip(widths, [10.0, 70, 20, 10, 40]) { #expect(abs(width - ms / 100 * room) < 0.01, "\(widths)") }
        let fills = try probe.strings("//*[local-name()='rect'][*[local-name()='title']]/@fill")
        #expect(fills[0] == fills[3] && fills[1] == fills[4] && Set(fills).count == 3)
        #expect(try probe.strings("//*[local-name()='rect'][*[local-name()='title']]/*[local-name()='title']").first == "blue: connect 10ms")
        let texts = try probe.strings("//*[local-name()='text']")
        #expect(texts.contains("100ms") && texts.contains("50ms") && texts.contains("server"), "\(texts)")
        #expect(try probe.string("/*/*[local-name()='title']").hasPrefix("Median phase timings of GET /cart: blue: connect 10ms, server 70ms"))
    }

    @Test func phaseBarsWriteHostileNamesAsText() throws {
        for name in Self.hostile {
            let chart = PhaseBarChart(bars: [.init(label: name, segments: [.init(phase: name, ms: 5)])], subject: name)
            let probe = try Self.checked(chart.svg())
            #expect(try probe.string("/*/*[local-name()='title']").contains(name))
        }
    }
}
