import Foundation
import SmokegateModel
import SmokegateStats
import SmokegateVerdict
import Synchronization

/// What a person watching sees: on a terminal, a block of one line per target redrawn in place with events
/// scrolling above it; piped, every event as a line and a status line per target every few seconds.
///
/// It formats and paces; `write` puts the text where the caller wants it (standard output, or a test's buffer).
public final class WatchConsole: Sendable {
    private struct State {
        var drawnLines = 0
        var pendingEvents: [String] = []
        var lastDraw: ContinuousClock.Instant?
        var lastStatus = ContinuousClock.now
    }

    private let suite: Suite
    private let live: Bool
    private let quiet: Bool
    private let color: Bool
    private let output: @Sendable (String) -> Void
    private let state = Mutex(State())
    private static let redrawEvery: Duration = .milliseconds(200)
    private static let statusEvery: Duration = .seconds(5)

    /// `live` redraws in place (a terminal); otherwise events and periodic status lines are printed as they come.
    public init(suite: Suite, live: Bool, quiet: Bool, color: Bool, write: @escaping @Sendable (String) -> Void) {
        self.suite = suite
        self.live = live
        self.quiet = quiet
        self.color = color
        self.output = write
    }

    /// The watch's first line: what is watched, how often, for how long.
    public func start(_ watch: WatchState) {
        guard !quiet else { return }
        let plan = watch.plan
        var line = "watching \(watch.targets.count) target\(watch.targets.count == 1 ? "" : "s") every \(DurationText.format(plan.interval))"
        line += " for up to \(DurationText.format(plan.duration))"
        if let until = plan.until { line += ", until \(until)" }
        line += "; window edges are known to ±\(DurationText.format(plan.interval))"
        if live { line += " · Ctrl-C stops and reports" }
        write(line + "\n")
    }

    /// Prints an event now (piped) or with the next redraw (terminal).
    public func event(_ event: WatchEvent, state watch: WatchState) {
        guard !quiet else { return }
        let line = Self.describe(event, watch: watch, suite: suite)
        if live {
            state.withLock { $0.pendingEvents.append(line) }
        } else {
            write(line + "\n")
        }
    }

    /// Redraws the live block, or prints the periodic status lines when piped; `targets` gives the figures when due.
    public func tick(_ watch: WatchState, targets: () -> [WatchReport.Target]) {
        guard !quiet else { return }
        let now = ContinuousClock.now
        let due = state.withLock { state -> Bool in
            if live {
                guard state.lastDraw.map({ now - $0 >= Self.redrawEvery }) ?? true else { return false }
                state.lastDraw = now
            } else {
                guard now - state.lastStatus >= Self.statusEvery else { return false }
                state.lastStatus = now
            }
            return true
        }
        guard due else { return }
        let targets = targets()
        let elapsed = String(format: "+%.1fs", watch.elapsed.seconds)
        let lines = targets.map { Self.statusLine($0, color: live && color) }
        if live {
            let (erase, events) = state.withLock { state -> (String, [String]) in
                defer {
                    state.drawnLines = lines.count + 1
                    state.pendingEvents = []
                }
                return (state.drawnLines > 0 ? "\u{1B}[\(state.drawnLines)F\u{1B}[J" : "", state.pendingEvents)
            }
            write(erase + events.map { $0 + "\n" }.joined() + "\u{1B}[2m\(elapsed)\u{1B}[0m\n" + lines.map { $0 + "\n" }.joined())
        } else {
            write(lines.map { "\(elapsed) status \($0)\n" }.joined())
        }
    }

    /// Clears the live block so the final summary starts clean, keeping events not yet shown.
    public func finish() {
        guard live, !quiet else { return }
        let (erase, events) = state.withLock { state -> (String, [String]) in
            defer {
                state.drawnLines = 0
                state.pendingEvents = []
            }
            return (state.drawnLines > 0 ? "\u{1B}[\(state.drawnLines)F\u{1B}[J" : "", state.pendingEvents)
        }
        write(erase + events.map { $0 + "\n" }.joined())
    }

    private func write(_ text: String) {
        output(text)
    }

    /// `health [public]  DOWN since 12:00:01.234 (1.2s) · v1.5.0 · 2 windows, 3.10s down · p95 12.0ms`.
    public static func statusLine(_ target: WatchReport.Target, color: Bool) -> String {
        var state: String
        if target.state == .down, let since = target.downSinceMs, let window = target.windows.last {
            state = "DOWN since +\(String(format: "%.3f", since / 1000))s (\(DurationText.format(microseconds: window.durationMs * 1000)))"
            if color { state = "\u{1B}[1;31m\(state)\u{1B}[0m" }
        } else {
            state = target.state.rawValue
            if color, target.state == .up { state = "\u{1B}[32m\(state)\u{1B}[0m" }
        }
        var parts = ["\(target.suite)/\(target.check) [\(target.environment)]", state]
        if let version = target.currentVersion { parts.append(version) }
        parts.append("\(target.windowCount) window\(target.windowCount == 1 ? "" : "s"), \(DurationText.format(microseconds: target.downtimeMs * 1000)) down")
        if let latency = target.latency { parts.append("p95 \(DurationText.format(microseconds: latency.p95Ms * 1000, fixed: true))") }
        if target.probesMissed > 0 { parts.append("\(target.probesMissed) missed") }
        return parts.joined(separator: " · ")
    }

    /// One line per event, stamped with the local wall-clock time and the offset from the watch's start.
    public static func describe(_ event: WatchEvent, watch: WatchState, suite: Suite) -> String {
        func name(_ index: Int) -> String {
            let target = watch.targets[index]
            return "\(suite.checks[target.check].qualifiedName) [\(target.environment)]"
        }
        func stamp(_ offset: Duration) -> String {
            "\(clock(watch.startedAt.addingTimeInterval(offset.seconds))) +\(String(format: "%.3f", offset.seconds))s"
        }
        switch event {
        case .down(let target, let window):
            let reason = window.reasons.keys.min()?.rawValue ?? "failure"
            return "\(stamp(window.start)) \(name(target)) DOWN \(reason): \(window.firstMessage)"
        case .up(let target, let window):
            let length = window.end.map { $0 - window.start } ?? .zero
            return "\(stamp(window.end ?? window.start)) \(name(target)) up again after \(DurationText.format(length)) ±\(DurationText.format(max(window.uncertainty, watch.plan.interval)))"
                + " (\(window.failedProbes) probe\(window.failedProbes == 1 ? "" : "s") failed)"
        case .version(let target, let from, let to, let at, let flap):
            if flap { return "\(stamp(at)) \(name(target)) FLAP back to \(to) (from \(from ?? "?"))" }
            return "\(stamp(at)) \(name(target)) answers \(to)\(from.map { " (was \($0))" } ?? "")"
        }
    }

    /// `14:03:07.125` in local time.
    private static func clock(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        let millis = Int((date.timeIntervalSince1970 - Double(seconds)) * 1000)
        return String(format: "%02d:%02d:%02d.%03d", parts.tm_hour, parts.tm_min, parts.tm_sec, millis)
    }
}
