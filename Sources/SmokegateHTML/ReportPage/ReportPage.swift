import Foundation
import SmokegateModel
import SmokegateVerdict
import SmokegateVocabulary

/// `report.html`: a run's, a comparison's or a watch's report as one self-contained page (inline CSS and SVG, no
/// script, nothing fetched; the status page's frame, style and charts), for a person deciding on a rollback. The
/// decision and its reasons come first, in words; then the failing gates, the comparison check by check (blue and
/// green latency distributions overlaid with p50 / p95 / p99 and the margin, the tests' p-values and effect size),
/// the watch's targets (downtime windows with their uncertainty, versions, cutover), and every check per
/// environment (result, n, percentiles, error rate, failures grouped by reason, phase timings as stacked bars).
///
/// It formats the `RunReport` and computes nothing: every figure is the report's, charts map them to coordinates.
public enum ReportPage {
    /// Reasons listed at the top; the rest are counted (each check's own section says why it failed). A configuration
    /// error's problems are its reasons, each located.
    static let reasonsShown = 50
    /// Characters of a failure message shown; the whole is in `verdict.json`.
    static let messageLength = 400

    public static func render(_ report: RunReport) -> String {
        PageTemplates.render(model(report), with: "report-page")
    }

    static func model(_ report: RunReport) -> ReportPageModel {
        let decision = report.decision
        let tone = tone(of: decision)
        let symbol = tone == "up" ? "✔" : (tone == "down" ? "✖" : "⏸")
        let reasons = report.reasons.prefix(reasonsShown).map { PageText(ChartText.shortened($0, to: messageLength)) }
        let more = report.reasons.count - reasons.count
        let environments = report.environments.map(\.name)
        let totals = report.totals
        var summary = "\(PageFormat.count(totals.checks)) check\(totals.checks == 1 ? "" : "s")"
        summary += environments.isEmpty ? " · " : " × \(environments.joined(separator: ", ")) · "
        summary += "\(PageFormat.count(totals.probesCompleted)) probe\(totals.probesCompleted == 1 ? "" : "s"), \(PageFormat.count(totals.probesFailed)) failed · "
        summary += "\(String(format: "%.2f", report.durationSeconds))\(PageFormat.noBreak)s"
        let kind = report.watch != nil ? "watch" : (report.comparisons != nil ? "comparison" : "run")

        return ReportPageModel(
            title: PageText("smokegate \(kind): \(decision.rawValue)"),
            verdict: .init(tone: PageText(tone), symbol: PageText(symbol), decision: PageText(decision.rawValue),
                           headline: PageText(headline(report)), reasons: reasons.isEmpty ? [] : [.init(items: reasons)],
                           moreReasons: more > 0 ? [PageText("… and \(more) more reasons, in the sections below")] : []),
            summary: PageText(summary),
            generatedAt: PageText(report.finishedAt),
            toolVersion: PageText(report.tool.version),
            warnings: report.warnings.isEmpty ? [] : [.init(items: report.warnings.map { PageText($0) })],
            gates: gates(report),
            comparison: comparison(report),
            watch: watch(report),
            checks: checks(report))
    }

    /// What the decision means, in words.
    private static func headline(_ report: RunReport) -> String {
        let failing = report.checks.reduce(0) { $0 + $1.results.count { $0.status == .fail } }
        switch report.decision {
        case .pass: return "every check and gate passed"
        case .promote: return "the candidate is at least as good as the baseline: it may be promoted"
        case .rollback: return "the candidate is worse than the baseline: roll back"
        case .hold: return "the comparison cannot tell yet: hold the promotion"
        case .fail: return "\(failing) check result\(failing == 1 ? "" : "s") failed"
        case .interrupted: return "the run was interrupted\(report.interruption.map { " by \($0.rawValue)" } ?? ""): these are partial figures"
        case .running: return "a checkpoint of a watch still running"
        case .error: return "the configuration could not be used: nothing was probed"
        }
    }

    /// The status page's classes: `up` for good, `down` for bad, `unknown` for neither.
    static func tone(of decision: Decision) -> String {
        switch decision {
        case .pass, .promote: "up"
        case .fail, .rollback, .error: "down"
        case .hold, .interrupted, .running: "unknown"
        }
    }

    static func tone(of status: CheckStatus) -> String {
        switch status {
        case .pass: "up"
        case .fail: "down"
        case .flaky, .skipped, .notRun: "unknown"
        }
    }

    static func ms(_ value: Double?) -> String {
        value.map { ChartText.milliseconds($0) } ?? "–"
    }

    static func percent(_ fraction: Double?) -> String {
        fraction.map { String(format: "%.2f%%", $0 * 100) } ?? "–"
    }

    private static func gates(_ report: RunReport) -> [ReportPageModel.Section<ReportPageModel.Gate>] {
        guard !report.gates.isEmpty else { return [] }
        // Failed gates first: a thousand watch gates should not hide the one that failed.
        let ordered = report.gates.filter { !$0.passed } + report.gates.filter(\.passed)
        let failed = report.gates.count { !$0.passed }
        let items = ordered.map { gate in
            let observed: String
            if let value = gate.observed {
                observed = (gate.metric == Threshold.Metric.errorRate.rawValue ? percent(value) : ms(value)) + " (n=\(gate.n))"
            } else {
                observed = "no data (n=\(gate.n))"
            }
            return ReportPageModel.Gate(tone: PageText(gate.passed ? "up" : "down"), result: PageText(gate.passed ? "pass" : "fail"),
                                        threshold: PageText(gate.threshold),
                                        place: PageText([gate.environment, gate.check].compactMap { $0 }.joined(separator: " · ")),
                                        observed: PageText(observed), message: PageText(gate.message))
        }
        // Folded when every gate passed: a watch of a thousand targets has thousands.
        return [.init(heading: "Gates", tally: PageText("\(report.gates.count) · \(failed) failed"), items: items, open: failed > 0)]
    }
}
