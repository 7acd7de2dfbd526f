import Foundation
import SmokegateVerdict
import SmokegateVocabulary

extension ConsoleReport {
    /// Per target: state, availability, downtime and the version it answers with; then its windows, its cutover and
    /// any gate that failed.
    static func watchSection(_ watch: WatchReport, style: Style) -> String {
        var out = "\n" + style.bold("WATCH") + " every \(ms(watch.intervalMs)) for \(String(format: "%.1f", watch.observedSeconds))s"
        out += " (ended by \(watch.endedBy)\(watch.until.map { "; until \($0)" } ?? ""))"
        out += " · window edges ±\(ms(watch.windowUncertaintyMs))\n"
        var rows = [["TARGET", "ENV", "STATE", "UP", "DOWNTIME", "WINDOWS", "LONGEST", "VERSION", "PROBES", "MISSED"]]
        var notes: [Int: [String]] = [:]
        var tones: [Int: Tone] = [:]
        for target in watch.targets {
            let gateFailed = target.gates.contains { !$0.passed }
            tones[rows.count] = gateFailed || target.state == .down ? .bad : (target.state == .up ? .good : .neutral)
            rows.append([
                "\(target.suite)/\(target.check)", target.environment,
                gateFailed ? "fail" : target.state.rawValue,
                target.availability.map { String(format: "%.3f%%", $0 * 100) } ?? "–",
                ms(target.downtimeMs), "\(target.windowCount)", ms(target.longestWindowMs),
                target.currentVersion ?? "–", "\(target.probesCompleted)", "\(target.probesMissed)",
            ])
            var lines: [String] = []
            for window in target.windows.prefix(5) {
                let reasons = window.reasons.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key.rawValue).joined(separator: ", ")
                lines.append("down at +\(seconds(window.startMs)) for \(ms(window.durationMs))\(window.ongoing ? " (still down)" : "")"
                    + " · \(window.failedProbes) probe\(window.failedProbes == 1 ? "" : "s") failed: \(reasons)")
            }
            if target.windows.count + target.windowsOmitted > 5 {
                lines.append("… \(target.windows.count + target.windowsOmitted - 5) more window(s) in verdict.json")
            }
            if let cutover = target.cutover {
                let rolledBack = cutover.rolledBack ? " — ROLLED BACK to \(target.currentVersion ?? "?")" : ""
                lines.append("cutover \(cutover.from) → \(cutover.to)\(rolledBack) at +\(seconds(cutover.startMs)), window \(ms(cutover.windowMs)),"
                    + " mixed answers \(ms(cutover.mixedMs))\(cutover.flaps > 0 ? ", \(cutover.flaps) flap(s) back to an older version" : "")")
            }
            if target.probesCutShort > 0, let since = target.unansweredSinceMs {
                lines.append("\(target.probesCutShort) probe(s) still unanswered when the watch was stopped, the oldest due at +\(seconds(since)):"
                    + " the target may have been hanging since then")
            }
            if target.probesMissed > 0 {
                lines.append("\(target.probesMissed) probe(s) not started: \(target.maxInFlight) were still in flight (the target stalled)")
            }
            for gate in target.gates where !gate.passed { lines.append("gate \(gate.threshold): \(gate.message)") }
            if !lines.isEmpty { notes[rows.count - 1] = lines }
        }
        out += table(rows, tones: tones, style: style, statusColumn: 2, notes: notes)
        return out
    }

    /// `+12.345s`: offsets from the watch's start read best in seconds.
    private static func seconds(_ ms: Double) -> String { String(format: "%.3fs", ms / 1000) }
}
