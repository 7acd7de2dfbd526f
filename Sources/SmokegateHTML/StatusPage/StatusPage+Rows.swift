import Foundation
import SmokegateModel
import SmokegateStats
import SmokegateVerdict
import SmokegateVocabulary

extension StatusPage {
    /// Longest failure message a row shows; the rest is in `/api/v1/status`.
    static let messageLength = 240

    static func row(_ target: ServeStatus.Target, monitored: MonitoredTarget?, anchor: String, snapshot: MonitorSnapshot)
        -> StatusPageModel.Row {
        let now = snapshot.takenAt
        let name = "\(target.check) in \(target.environment)"
        let symbol = switch target.state {
        case .up: "▲"
        case .down: "▼"
        case .unknown: "?"
        }
        let since = monitored?.statusSince
        let sinceText = switch target.state {
        case .unknown: "no probe finished yet"
        case .up, .down: since.map { "for \(PageFormat.span(now.timeIntervalSince($0)))" } ?? ""
        }

        var sinceAt: [StatusPageModel.Moment] = []
        if let since, let iso = target.since { sinceAt = [.init(text: PageText(PageFormat.clock(since, now: now)), iso: PageText(iso))] }

        var lastFailure: [StatusPageModel.LastFailure] = []
        var lastText = "no result yet"
        if let last = target.last {
            let ago = monitored?.last.map { "\(PageFormat.span(now.timeIntervalSince($0.startedAt))) ago" } ?? last.at
            if last.passed {
                let parts = [last.status.map { "status \($0)" }, last.latencyMs.map { ChartText.milliseconds($0) }].compactMap { $0 }
                lastText = "Last probe passed" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")) + ", \(ago)"
            } else {
                let message = last.message.map { ChartText.shortened($0, to: messageLength) } ?? ""
                lastFailure = [.init(reason: PageText(last.reason?.description ?? "failed"), message: PageText(message))]
                lastText = ago
            }
        }

        let latencyText = target.latency.map { latency in
            "p50 \(ChartText.milliseconds(latency.p50Ms)) · p95 \(ChartText.milliseconds(latency.p95Ms)) · "
                + "p99 \(ChartText.milliseconds(latency.p99Ms)) of \(latency.n) probe\(latency.n == 1 ? "" : "s") in \(PageFormat.span(latency.spanSeconds))"
        } ?? "no latency in the last hour"

        let probes = (monitored?.recent.all ?? []).suffix(sparklineProbes).map { entry in
            Sparkline.Probe(latencyMs: entry.latency.map { Double($0) / 1000 }, failed: entry.failed)
        }
        let (timeline, windowList, windowsText) = downtime(target, monitored: monitored, name: name, snapshot: snapshot)

        return StatusPageModel.Row(
            anchor: PageText(anchor), key: PageText("\(target.suite)/\(target.check)/\(target.environment)"),
            state: PageText(target.state.rawValue), symbol: PageText(symbol), sinceText: PageText(sinceText),
            sinceAt: sinceAt,
            check: PageText(target.check), suite: PageText(target.suite), kind: PageText(target.kind), target: PageText(target.target),
            version: target.version.map { [PageText($0)] } ?? [],
            lastFailure: lastFailure, lastText: PageText(lastText),
            hour: PageText(PageFormat.availability(target.availability.hour)), day: PageText(PageFormat.availability(target.availability.day)),
            week: PageText(PageFormat.availability(target.availability.week)),
            sparkline: Sparkline(probes: Array(probes), subject: name).svg(), latencyText: PageText(latencyText),
            timeline: timeline, windowList: windowList, windowsText: PageText(windowsText))
    }

    /// The last 24 hours as a timeline with the status document's windows on it, and the windows listed.
    private static func downtime(_ target: ServeStatus.Target, monitored: MonitoredTarget?, name: String, snapshot: MonitorSnapshot)
        -> (SVGMarkup, [StatusPageModel.WindowList], String) {
        let now = snapshot.takenAt.timeIntervalSince1970
        let start = now - 86_400
        // The status document's windows are the newest the target keeps (those that touch the last day), so they
        // pair with the last of the target's own, which carry dates.
        let dated = monitored.map { Array($0.windows.suffix(target.windows.count)) } ?? []
        let interval = target.everySeconds
        var windows: [WindowTimeline.Window] = []
        var items: [PageText] = []
        for (window, date) in zip(target.windows, dated) {
            let from = date.start.timeIntervalSince1970, to = date.end?.timeIntervalSince1970 ?? now
            let when = "\(PageFormat.clock(date.start, now: snapshot.takenAt))–"
                + (window.ongoing ? "now" : date.end.map { PageFormat.clock($0, now: snapshot.takenAt) } ?? "")
            let what = "\(PageFormat.span(window.durationSeconds)), \(window.failedProbes) failed probe\(window.failedProbes == 1 ? "" : "s")"
            windows.append(.init(start: from, end: to, ongoing: window.ongoing, uncertainty: interval,
                                 label: "down \(when) (\(what)): \(window.reason)"))
            items.append(PageText("\(when) (\(what)): \(window.reason): \(ChartText.shortened(window.firstFailure, to: messageLength))"))
        }
        let observed: Double? = {
            guard let monitored else { return now }
            let held = monitored.recent.all
            guard let first = held.first?.startedAt.timeIntervalSince1970 else { return now }
            // With the ring not yet full the first probe held is the first there was; otherwise the service's start.
            return held.count < monitored.recent.capacity ? first : snapshot.startedAt.timeIntervalSince1970
        }()
        // The windows' own durations, as the status document has them (a window begun before the day counts whole).
        let down = target.windows.reduce(0) { $0 + $1.durationSeconds }
        let summary = target.windows.isEmpty ? "no downtime in the last 24\(PageFormat.noBreak)h"
            : "\(target.windows.count) window\(target.windows.count == 1 ? "" : "s") in the last 24\(PageFormat.noBreak)h, \(PageFormat.span(down)) down"
        let timeline = WindowTimeline(
            start: start, end: now, observedFrom: observed.map { $0 > start ? $0 : start }, windows: windows,
            ticks: [6.0, 12, 18].map { .init(at: start + $0 * 3600) },
            summary: "Downtime of \(name) over the last 24 hours, up to \(PageFormat.dateTime(snapshot.takenAt)): \(summary).")
        let list = windows.isEmpty ? [] : [StatusPageModel.WindowList(summary: PageText(summary), items: items.reversed())]
        return (timeline.svg(), list, summary)
    }
}
