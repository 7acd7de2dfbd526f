import SmokegateDocuments
import SmokegateModel
import SmokegateVerdict
import SmokegateVocabulary

/// `summary.md`: the verdict as a CI job summary (GitHub's `GITHUB_STEP_SUMMARY` renders GitHub-flavoured Markdown):
/// the decision and its reasons, the failing checks and gates, the comparison table and, for a watch, the targets'
/// downtime. Long lists are cut with "… and N more", and the whole stays under `byteLimit`, below GitHub's 1 MiB
/// per step. Every name and message is escaped, so a check named `<script>` or `a|b` shows as written.
public enum MarkdownReport {
    /// GitHub refuses a step summary over 1 MiB; this leaves room for what another step appends.
    public static let byteLimit = 900_000
    /// Rows per table and items per list before the rest is counted.
    public static let rowLimit = 100
    /// Characters of a message or name in a cell, and of a reason in the list at the top.
    static let cellCharacters = 200
    static let itemCharacters = 1000

    public static func render(_ report: RunReport) -> String {
        var out = MarkdownWriter(limit: byteLimit)
        out.line("## smokegate: \(symbol(report.decision)) \(report.decision.rawValue.uppercased())")
        out.line()
        // A configuration error's problems are its reasons, listed below.
        let environments = report.environments.isEmpty ? "" : " × " + report.environments.map(\.name).joined(separator: ", ")
        out.line(escape("\(report.totals.checks) check\(report.totals.checks == 1 ? "" : "s")\(environments) · "
                        + "\(report.totals.probesCompleted) probes, \(report.totals.probesFailed) failed · smokegate \(report.tool.version)"))
        out.line()
        out.list(report.reasons.map(item))
        if !report.warnings.isEmpty {
            out.line("### Warnings")
            out.line()
            out.list(report.warnings.map(item))
        }
        failingChecks(report, into: &out)
        failingGates(report, into: &out)
        if let comparisons = report.comparisons, !comparisons.isEmpty { comparisonTable(comparisons, into: &out) }
        if let watch = report.watch { watchTable(watch, into: &out) }
        return out.text
    }

    private static func symbol(_ decision: Decision) -> String {
        switch decision {
        case .pass, .promote: "✅"
        case .hold, .running: "⏸️"
        default: "❌"
        }
    }

    private static func failingChecks(_ report: RunReport, into out: inout MarkdownWriter) {
        var rows: [[String]] = []
        for check in report.checks {
            for result in check.results where result.status == .fail || result.status == .notRun || result.status == .flaky {
                rows.append([escape("\(check.suite)/\(check.name)"), escape(result.environment), result.status.rawValue,
                             "\(result.samplesCompleted)", result.latency.map { ms($0.p95Ms) } ?? "–",
                             result.errorRate.map(percent) ?? "–", escape(result.message ?? "")])
            }
        }
        guard !rows.isEmpty else { return }
        out.line("### Failing checks")
        out.line()
        out.table(["Check", "Env", "Result", "N", "p95", "Errors", "Why"], rows)
    }

    private static func failingGates(_ report: RunReport, into out: inout MarkdownWriter) {
        let failed = report.gates.filter { !$0.passed }
        guard !failed.isEmpty else { return }
        out.line("### Failing gates")
        out.line()
        out.table(["Gate", "Env", "Observed", "Why"], failed.map { gate in
            let where_ = [gate.environment, gate.check].compactMap { $0 }.joined(separator: " · ")
            return [escape(gate.threshold), escape(where_), observed(gate), escape(gate.message)]
        })
    }

    private static func comparisonTable(_ comparisons: [ComparisonReport], into out: inout MarkdownWriter) {
        guard let first = comparisons.first else { return }
        out.line("### Comparison \(escape(first.baseline.environment)) → \(escape(first.candidate.environment))")
        out.line()
        // Failures first, then holds, so a cut table still shows what decided.
        func rank(_ decision: ComparisonDecision) -> Int { decision == .fail ? 0 : (decision == .inconclusive ? 1 : 2) }
        let ordered = comparisons.enumerated().sorted { (rank($0.element.decision), $0.offset) < (rank($1.element.decision), $1.offset) }.map(\.element)
        out.table(["Check", "Metric", escape(first.baseline.environment), escape(first.candidate.environment), "Δ", "p", "Decision"],
                  ordered.map { comparison in
                      let figures: [String]
                      if comparison.decidingMetric == "error_rate" {
                          let errors = comparison.errors
                          figures = ["errors", errors.baselineRate.map(percent) ?? "–", errors.candidateRate.map(percent) ?? "–",
                                     errors.deltaPoints.map { (($0 >= 0) ? "+" : "") + String(format: "%.1f pp", $0 * 100) } ?? "–"]
                      } else if let shown = comparison.latency.first(where: { $0.metric == comparison.decidingMetric }) {
                          figures = [shown.metric, ms(shown.baselineMs), ms(shown.candidateMs),
                                     (shown.deltaMs >= 0 ? "+" : "") + ms(shown.deltaMs) + (shown.deltaRelative.map { String(format: " %+.0f%%", $0 * 100) } ?? "")]
                      } else {
                          figures = ["–", "–", "–", "–"]
                      }
                      let p = escape(comparison.decidingPValue.map { $0 < 0.001 ? "<0.001" : String(format: "%.3f", $0) } ?? "–")
                      let decision = comparison.decision == .pass ? "pass" : "**\(comparison.decision.rawValue)**"
                      return [escape("\(comparison.suite)/\(comparison.check)")] + figures.map { escape($0) } + [p, decision]
                  })
    }

    private static func watchTable(_ watch: WatchReport, into out: inout MarkdownWriter) {
        out.line("### Watch")
        out.line()
        // Targets with downtime first.
        let ordered = watch.targets.enumerated().sorted { ($0.element.windowCount == 0 ? 1 : 0, $0.offset) < ($1.element.windowCount == 0 ? 1 : 0, $1.offset) }
        out.table(["Target", "Env", "State", "Windows", "Down", "Longest", "Availability", "Cutover"], ordered.map { _, target in
            let cutover = target.cutover.map { "\($0.from) → \($0.to) at +\(String(format: "%.3f", $0.startMs / 1000))s" } ?? "–"
            return [escape("\(target.suite)/\(target.check)"), escape(target.environment), target.state.rawValue, "\(target.windowCount)",
                    ms(target.downtimeMs), ms(target.longestWindowMs), target.availability.map(percent) ?? "–", escape(cutover)]
        })
    }

    private static func observed(_ gate: RunReport.ThresholdResult) -> String {
        guard let value = gate.observed else { return "no data (n=\(gate.n))" }
        let text = gate.metric == Threshold.Metric.errorRate.rawValue ? percent(value) : ms(value)
        return "\(text) (n=\(gate.n))"
    }

    private static func ms(_ value: Double) -> String {
        DurationText.format(microseconds: value * 1000)
    }

    private static func percent(_ fraction: Double) -> String {
        String(format: "%.2f%%", fraction * 100)
    }

    /// Text as GitHub-flavoured Markdown shows it literally, on one line: characters XML cannot carry dropped, line
    /// breaks as spaces, cut to `limit` characters; `<`, `>` and `&` as references (no HTML, no entity), and the
    /// characters Markdown reads as emphasis, code, links, strikethrough or a table's cell edge escaped with a
    /// backslash. For a table cell; a list item also needs `item`.
    static func escape(_ text: String, limit: Int = cellCharacters) -> String {
        var text = XMLTextWriter.xmlSafe(text).replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "\t", with: " ")
        if text.count > limit { text = String(text.prefix(limit - 1)) + "…" }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 8)
        for character in text.unicodeScalars {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "!", "{", "}": escaped += "\\" + String(character)
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// A list item's text: escaped as a cell's, longer, and a leading `#`, `-`, `+`, `=` or number followed by `.`
    /// or `)` escaped too, so the item cannot start a heading or a nested list.
    static func item(_ text: String) -> String {
        var escaped = escape(text, limit: itemCharacters)
        if let first = escaped.unicodeScalars.first, "#-+=".unicodeScalars.contains(first) { escaped = "\\" + escaped }
        if let dot = escaped.firstIndex(where: { !$0.isNumber }), dot > escaped.startIndex, escaped[dot] == "." || escaped[dot] == ")" {
            escaped.insert("\\", at: dot)
        }
        return escaped
    }
}
