import Foundation
import SmokegateVerdict
import SmokegateVocabulary

extension ReportPage {
    /// Windows listed per target; the rest are counted (the report itself keeps only its first windows).
    static let windowsListed = 20

    /// Per target, the watch as a timeline: its downtime windows with the time their edges may lie in, the versions
    /// that answered and the cutover; targets with downtime first.
    static func watch(_ report: RunReport) -> [ReportPageModel.Section<ReportPageModel.WatchTarget>] {
        guard let watch = report.watch else { return [] }
        // The axis: what was observed (a window still open runs to its end).
        let end = max(watch.observedSeconds * 1000, 1)
        let ordered = watch.targets.enumerated().sorted {
            ($0.element.windowCount == 0 ? 1 : 0, $0.offset) < ($1.element.windowCount == 0 ? 1 : 0, $1.offset)
        }.map(\.element)
        let items = ordered.map { target(watch: watch, $0, end: end) }
        let down = watch.targets.count { $0.windowCount > 0 }
        var tally = "\(watch.targets.count) target\(watch.targets.count == 1 ? "" : "s") · \(down) with downtime · "
        tally += "every \(ms(watch.intervalMs)) for \(PageFormat.span(watch.observedSeconds)) · ended by \(watch.endedBy.rawValue)"
        if watch.checkpoint { tally += " · checkpoint" }
        return [.init(heading: "Watch", tally: PageText(tally), items: items)]
    }

    private static func target(watch: WatchReport, _ target: WatchReport.Target, end: Double) -> ReportPageModel.WatchTarget {
        let name = "\(target.suite)/\(target.check) in \(target.environment)"
        let windows = target.windows.map { window in
            WindowTimeline.Window(start: window.startMs, end: window.endMs ?? end, ongoing: window.ongoing, uncertainty: window.uncertaintyMs,
                                  label: "down from +\(seconds(window.startMs)) for \(ms(window.durationMs)) ±\(ms(window.uncertaintyMs)), "
                                      + "\(window.failedProbes) failed probe\(window.failedProbes == 1 ? "" : "s"): \(window.firstFailure)")
        }
        let versions = (target.timeline ?? []).map { WindowTimeline.VersionSegment(version: $0.version, start: $0.firstMs, end: $0.lastMs) }
        let cutover = target.cutover.map { cut in
            WindowTimeline.Cutover(at: cut.startMs, label: "cutover \(cut.from) → \(cut.to) at +\(seconds(cut.startMs)), "
                                   + "both answering for \(ms(cut.mixedMs))" + (cut.flaps > 0 ? ", \(cut.flaps) flap\(cut.flaps == 1 ? "" : "s")" : "")
                                   + (cut.rolledBack ? ", rolled back" : ""))
        }
        let ticks = (0...4).map { step -> WindowTimeline.Tick in
            let at = end * Double(step) / 4
            return .init(at: at, label: "+" + seconds(at))
        }
        var facts = [target.target ?? "", "availability \(PageFormat.availability(target.availability))",
                     "\(target.windowCount) window\(target.windowCount == 1 ? "" : "s"), \(ms(target.downtimeMs)) down",
                     "\(target.probesCompleted) probes, \(target.probesFailed) failed"]
        if let latency = target.latency { facts.append("p50 \(ms(latency.p50Ms)) · p95 \(ms(latency.p95Ms)) · p99 \(ms(latency.p99Ms))") }
        if let cut = target.cutover { facts.append("cutover \(cut.from) → \(cut.to) at +\(seconds(cut.startMs))") }
        if let version = target.currentVersion { facts.append("now \(version)") }
        let summary = target.windowCount == 0 ? "no downtime" : "\(target.windowCount) window\(target.windowCount == 1 ? "" : "s"), \(ms(target.downtimeMs)) down"
        let timeline = WindowTimeline(start: 0, end: end, windows: windows, versions: versions, cutover: cutover, ticks: ticks,
                                      summary: "Downtime of \(name) over the watch's \(PageFormat.span(end / 1000)): \(summary).", width: 640)
        let listed = windows.prefix(windowsListed).map { PageText($0.label) }
        let more = target.windowCount - listed.count
        let list = windows.isEmpty ? [] : [ReportPageModel.WindowList(
            summary: PageText(summary + " (edges known to within one probe interval)"),
            items: listed + (more > 0 ? [PageText("… and \(more) more")] : []))]
        let tone = switch target.state {
        case .up: "up"
        case .down: "down"
        case .unknown: "unknown"
        }
        return .init(key: PageText("\(target.suite)/\(target.check)/\(target.environment)"), tone: PageText(tone), state: PageText(target.state.rawValue),
                     name: PageText(name), facts: PageText(facts.filter { !$0.isEmpty }.joined(separator: " · ")), timeline: timeline.svg(), windowList: list)
    }

    /// `1.250s`: an offset from the watch's start.
    private static func seconds(_ milliseconds: Double) -> String {
        String(format: "%.3fs", milliseconds / 1000)
    }
}
