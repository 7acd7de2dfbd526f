import Foundation
import SmokegateModel
import SmokegateVerdict
import SmokegateVocabulary

/// The summary a person reads in five seconds: checks × environments, the gates, the decision and its reasons.
public enum ConsoleReport {
    public static func render(_ report: RunReport, color: Bool) -> String {
        let style = Style(enabled: color)
        var out = ""
        let environments = report.environments.map(\.name)
        out += style.bold("smokegate \(report.tool.version)") + " · \(report.files.count) file\(report.files.count == 1 ? "" : "s") · "
        out += "\(report.totals.checks) check\(report.totals.checks == 1 ? "" : "s") × \(environments.joined(separator: ", ")) · "
        out += "\(report.totals.probesCompleted) probe\(report.totals.probesCompleted == 1 ? "" : "s") in \(String(format: "%.2f", report.durationSeconds))s (\(inFlight(report)))\n\n"

        var rows: [[String]] = [["CHECK", "ENV", "RESULT", "N", "P50", "P95", "P99", "FAILED"]]
        var tones: [Int: Tone] = [:]
        var notes: [Int: [String]] = [:]
        for check in report.checks {
            for (position, result) in check.results.enumerated() {
                let latency = result.latency
                let skipped = result.status == .skipped
                rows.append([
                    position == 0 ? "\(check.suite)/\(check.name)" : "",
                    result.environment,
                    result.status.rawValue,
                    skipped ? "–" : "\(result.samplesCompleted)",
                    latency.map { ms($0.p50Ms) } ?? "–",
                    latency.map { ms($0.p95Ms) } ?? "–",
                    latency.map { ms($0.p99Ms) } ?? "–",
                    skipped ? "–" : "\(result.samplesFailed)",
                ])
                tones[rows.count - 1] = Tone(result.status)
                if let message = result.message, result.status != .pass {
                    notes[rows.count - 1, default: []].append(message)
                }
            }
        }
        out += table(rows, tones: tones, style: style, statusColumn: 2, notes: notes)

        if let watch = report.watch { out += watchSection(watch, style: style) }

        let runGates = report.gates.filter { $0.check == nil }
        if !runGates.isEmpty {
            out += "\n" + style.bold("GATES") + "\n"
            var gateRows: [[String]] = []
            var gateTones: [Int: Tone] = [:]
            for gate in runGates {
                let metric = Threshold.Metric(rawValue: gate.metric) ?? .p95
                let observed = gate.observed.map { Threshold.format(metric == .errorRate ? $0 : $0 * 1000, for: metric) } ?? "no data"
                gateTones[gateRows.count] = gate.passed ? .good : .bad
                gateRows.append(["  " + (gate.environment ?? ""), gate.threshold, gate.passed ? "pass" : "fail", "\(observed) (n=\(gate.n))"])
            }
            out += table(gateRows, tones: gateTones, style: style, statusColumn: 2, notes: [:], header: false)
        }

        if let comparisons = report.comparisons, let first = comparisons.first {
            out += "\n" + style.bold("COMPARISON \(first.baseline.environment) → \(first.candidate.environment)") + "\n"
            var rows = [["CHECK", "METRIC", first.baseline.environment.uppercased(), first.candidate.environment.uppercased(), "Δ", "p", "DECISION"]]
            var notes: [Int: [String]] = [:]
            var tones: [Int: Tone] = [:]
            for comparison in comparisons {
                let figures: [String]
                if comparison.decidingMetric == "error_rate" {
                    let errors = comparison.errors
                    figures = ["errors", errors.baselineRate.map(percent) ?? "–", errors.candidateRate.map(percent) ?? "–",
                               errors.deltaPoints.map { String(format: "%+.1f pp", $0 * 100) } ?? "–"]
                } else if let shown = comparison.latency.first(where: { $0.metric == comparison.decidingMetric }) {
                    figures = [shown.metric, ms(shown.baselineMs), ms(shown.candidateMs),
                               (shown.deltaMs >= 0 ? "+" : "") + ms(shown.deltaMs) + (shown.deltaRelative.map { String(format: " %+.0f%%", $0 * 100) } ?? "")]
                } else {
                    figures = ["–", "–", "–", "–"]
                }
                rows.append(["\(comparison.suite)/\(comparison.check)"] + figures + [
                    comparison.decidingPValue.map { $0 < 0.001 ? "<0.001" : String(format: "%.3f", $0) } ?? "–",
                    comparison.decision.rawValue,
                ])
                tones[rows.count - 1] = Tone(comparison.decision)
                if comparison.decision != .pass { notes[rows.count - 1] = [comparison.reason] }
            }
            out += table(rows, tones: tones, style: style, statusColumn: 6, notes: notes, header: true, numericFrom: 2)
            out += notComparedLines(comparisons, style: style)
        }

        out += "\n" + verdict(report, color: color)
        return out
    }

    /// The decision, its reasons and what a person should know besides: all `--quiet` prints.
    public static func verdict(_ report: RunReport, color: Bool) -> String {
        let style = Style(enabled: color)
        let decision = report.decision.rawValue.uppercased()
        let painted = report.decision.proceeds ? style.green(decision) : (report.decision == .hold ? style.paint(decision, "1;33") : style.red(decision))
        var out = style.bold("VERDICT ") + painted
        if report.reasons.isEmpty {
            let environments = report.environments.map(\.name).joined(separator: ", ")
            out += " — every check and gate held in \(environments)"
            if !report.warnings.isEmpty {
                out += ", but \(report.warnings.count) check result\(report.warnings.count == 1 ? "" : "s") passed only flakily:\n"
                    + report.warnings.map { "  • \($0)" }.joined(separator: "\n")
            }
            out += "\n"
        } else {
            out += "\n" + (report.reasons + report.warnings).map { "  • \($0)" }.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// `concurrency 16` for a run; for a watch, the per-target bound on probes in flight.
    private static func inFlight(_ report: RunReport) -> String {
        guard let targets = report.watch?.targets, let least = targets.map(\.maxInFlight).min(), let most = targets.map(\.maxInFlight).max() else {
            return "concurrency \(report.concurrency)"
        }
        return "at most \(least == most ? "\(most)" : "\(least)–\(most)") probes in flight per target"
    }

    /// How a status cell reads: in colour on a terminal, and a bad one in capitals everywhere.
    enum Tone {
        case good, bad, warning, neutral

        init(_ status: CheckStatus) {
            switch status {
            case .pass: self = .good
            case .fail: self = .bad
            case .flaky: self = .warning
            case .skipped, .notRun: self = .neutral
            }
        }

        init(_ decision: ComparisonDecision) {
            switch decision {
            case .pass: self = .good
            case .fail: self = .bad
            case .inconclusive: self = .warning
            }
        }
    }

    /// Columns padded to their widest cell; the status column is toned by row; notes print under their row.
    static func table(_ rows: [[String]], tones: [Int: Tone], style: Style, statusColumn: Int, notes: [Int: [String]], header: Bool = true,
                      numericFrom: Int = 3) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (index, row) in rows.enumerated() {
            var line = ""
            for (i, cell) in row.enumerated() {
                // Figures right-aligned so digits line up; the last text column is left ragged.
                let gap = String(repeating: " ", count: widths[i] - cell.count)
                let numeric = header && i >= numericFrom && i != statusColumn
                let padded = numeric ? gap + cell : (i == row.count - 1 ? cell : cell + gap)
                let shown = index == 0 && header ? style.dim(padded) : (i == statusColumn ? style.tone(tones[index] ?? .neutral, padded) : padded)
                line += (i == 0 ? "" : "  ") + shown
            }
            out += line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
            for note in notes[index] ?? [] { out += "    " + style.dim("↳ ") + note + "\n" }
        }
        return out
    }

    /// Default metrics the samples could not support, one line per metric; requested ones already hold their row.
    static func notComparedLines(_ comparisons: [ComparisonReport], style: Style) -> String {
        var byMetric: [String: (needed: Int, checks: [String], fewest: Int, most: Int)] = [:]
        var order: [String] = []
        for comparison in comparisons {
            for missing in comparison.notCompared where !missing.requested {
                if byMetric[missing.metric] == nil { order.append(missing.metric) }
                var entry = byMetric[missing.metric] ?? (missing.samplesNeeded, [], .max, 0)
                entry.checks.append("\(comparison.suite)/\(comparison.check)")
                entry.fewest = min(entry.fewest, missing.samples)
                entry.most = max(entry.most, missing.samples)
                byMetric[missing.metric] = entry
            }
        }
        return order.compactMap { metric in byMetric[metric].map { entry in
            let has = entry.fewest == entry.most ? "\(entry.fewest)" : "\(entry.fewest)–\(entry.most)"
            let which = entry.checks.count == comparisons.count ? "any check" : entry.checks.count == 1 ? entry.checks[0] : "\(entry.checks.count) checks"
            return style.dim("  \(metric) not compared for \(which): it needs \(entry.needed) samples per environment, \(entry.checks.count == 1 ? "it has" : "they have") \(has)") + "\n"
        } }.joined()
    }

    static func percent(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }

    static func ms(_ value: Double) -> String {
        DurationText.format(microseconds: value * 1000, fixed: true)
    }

    /// ANSI styling, only when a person is watching.
    struct Style {
        var enabled: Bool
        func paint(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func bold(_ text: String) -> String { paint(text, "1") }
        func dim(_ text: String) -> String { paint(text, "2") }
        func red(_ text: String) -> String { paint(text, "1;31") }
        func green(_ text: String) -> String { paint(text, "1;32") }
        func tone(_ tone: Tone, _ padded: String) -> String {
            switch tone {
            case .good: paint(padded, "32")
            case .bad: paint(padded.uppercased(), "1;31")
            case .warning: paint(padded, "33")
            case .neutral: dim(padded)
            }
        }
    }
}
