import Foundation
import SmokegateVerdict
import SmokegateVocabulary

extension ReportPage {
    /// The comparison check by check, failures first and open: the two latency distributions overlaid, the figures,
    /// the tests. The chart draws each side's `latencyQuantilesMs` (its check result's) and marks the report's
    /// percentiles; the margin band runs from the baseline's value of the deciding metric to its `marginLimitMs`.
    static func comparison(_ report: RunReport) -> [ReportPageModel.Section<ReportPageModel.Comparison>] {
        guard let comparisons = report.comparisons, let first = comparisons.first else { return [] }
        var results: [String: RunReport.CheckReport] = [:]
        for check in report.checks { results["\(check.suite)/\(check.name)"] = check }
        func rank(_ decision: ComparisonDecision) -> Int { decision == .fail ? 0 : (decision == .inconclusive ? 1 : 2) }
        let ordered = comparisons.enumerated().sorted { (rank($0.element.decision), $0.offset) < (rank($1.element.decision), $1.offset) }
        let items = ordered.map { index, comparison in
            self.comparison(comparison, check: results["\(comparison.suite)/\(comparison.check)"], anchor: "k\(index)")
        }
        let failed = comparisons.count { $0.decision == .fail }, inconclusive = comparisons.count { $0.decision == .inconclusive }
        let tally = "\(PageFormat.count(comparisons.count)) check\(comparisons.count == 1 ? "" : "s") · \(failed) worse · \(inconclusive) inconclusive"
        return [.init(heading: PageText("Comparison: \(first.baseline.environment) → \(first.candidate.environment)"), tally: PageText(tally), items: items)]
    }

    private static func tone(of decision: ComparisonDecision) -> String {
        switch decision {
        case .pass: "up"
        case .fail: "down"
        case .inconclusive: "unknown"
        }
    }

    private static func pValue(_ value: Double?) -> String {
        guard let value else { return "–" }
        return value < 0.001 ? String(format: "%.1e", value) : String(format: "%.3f", value)
    }

    private static func comparison(_ comparison: ComparisonReport, check: RunReport.CheckReport?, anchor: String) -> ReportPageModel.Comparison {
        let name = "\(comparison.suite)/\(comparison.check)"
        let base = comparison.baseline, candidate = comparison.candidate
        let deciding = comparison.latency.first { $0.metric == comparison.decidingMetric }
        var headline = ""
        if let deciding {
            headline = "\(deciding.metric) \(ms(deciding.baselineMs)) → \(ms(deciding.candidateMs))"
                + (deciding.deltaRelative.map { String(format: " (%+.0f%%)", $0 * 100) } ?? "")
        } else if comparison.decidingMetric == "error_rate" {
            headline = "errors \(percent(comparison.errors.baselineRate)) → \(percent(comparison.errors.candidateRate))"
        }
        if let p = comparison.decidingPValue { headline += " · p \(pValue(p))" }

        let metrics = comparison.latency.map { delta in
            let sign = delta.deltaMs >= 0 ? "+" : ""
            let margin = delta.marginLimitMs.map { "worse past \(ms($0))" } ?? "–"
            let tail = delta.tailTest.map { test in
                "\(test.candidateAbove) of \(candidate.n) above \(ms(test.thresholdMs)) (\(String(format: "%.1f", test.expectedAbove)) expected), "
                    + "p \(pValue(test.pValue)), adjusted \(pValue(test.adjustedPValue))"
            } ?? "–"
            return ReportPageModel.Metric(tone: PageText(delta.beyondMargin ? "down" : "up"), metric: PageText(delta.metric),
                                          baseline: PageText(ms(delta.baselineMs)), candidate: PageText(ms(delta.candidateMs)),
                                          delta: PageText(sign + ms(delta.deltaMs) + (delta.deltaRelative.map { String(format: " (%+.0f%%)", $0 * 100) } ?? "")),
                                          margin: PageText((delta.beyondMargin ? "beyond: " : "within: ") + margin), tail: PageText(tail))
        }
        let errors = comparison.errors
        let errorRow = ReportPageModel.Metric(
            tone: PageText(errors.beyondMargin ? "down" : "up"), metric: "error rate", baseline: PageText(percent(errors.baselineRate)),
            candidate: PageText(percent(errors.candidateRate)),
            delta: PageText(errors.deltaPoints.map { String(format: "%+.2f pp", $0 * 100) } ?? "–"),
            margin: PageText((errors.beyondMargin ? "beyond: " : "within: ") + String(format: "%.2f pp", comparison.margins.errorPoints * 100)),
            tail: PageText("Fisher p \(pValue(errors.pValue))" + (errors.adjustedPValue.map { ", adjusted \(pValue($0))" } ?? "")
                           + (errors.oddsRatio.map { String(format: ", odds ratio %.2f", $0) } ?? "")))

        var tests: [PageText] = []
        if let test = comparison.mannWhitney {
            tests.append(PageText("Mann–Whitney U (\(candidate.environment) slower): U = \(String(format: "%.1f", test.u)), p \(pValue(test.pValue))"
                + (comparison.mannWhitneyAdjustedPValue.map { ", adjusted \(pValue($0))" } ?? "")
                + String(format: "; effect size: Cliff's δ %.2f, ", test.cliffsDelta)
                + "P(\(candidate.environment) slower) " + String(format: "%.2f", test.commonLanguageEffect)
                + " (n = \(test.n1) / \(test.n2))"))
        }
        let margins = comparison.margins
        tests.append(PageText("Margins \(String(format: "%.0f%%", margins.relative * 100)) and \(ms(margins.absoluteMs)), "
            + "significance \(margins.significance) after \(margins.correction) over \(margins.tests) tests, at least \(margins.minimumSamples) samples"))
        for missing in comparison.notCompared {
            tests.append(PageText("\(missing.metric) not compared: it needs \(missing.samplesNeeded) samples per environment, they have \(missing.samples)"))
        }

        return .init(anchor: PageText(anchor), key: PageText(name), tone: PageText(tone(of: comparison.decision)),
                     decision: PageText(comparison.decision.rawValue), open: comparison.decision != .pass, name: PageText(name),
                     headline: PageText(headline), reason: PageText(ChartText.shortened(comparison.reason, to: messageLength * 2)),
                     chart: chart(comparison, check: check, deciding: deciding, name: name),
                     baselineName: PageText(base.environment), candidateName: PageText(candidate.environment), metrics: metrics + [errorRow], tests: tests)
    }

    /// Both sides' distributions with their p50 / p95 / p99 and the deciding metric's margin; none without latencies.
    private static func chart(_ comparison: ComparisonReport, check: RunReport.CheckReport?, deciding: ComparisonReport.MetricDelta?,
                              name: String) -> [SVGMarkup] {
        let series = [comparison.baseline, comparison.candidate].compactMap { side -> LatencyCDFChart.Series? in
            guard let result = check?.results.first(where: { $0.environment == side.environment }),
                  let values = result.latencyQuantilesMs, !values.isEmpty, let latency = side.latency else { return nil }
            let markers = [("p50", 0.5, latency.p50Ms), ("p95", 0.95, latency.p95Ms), ("p99", 0.99, latency.p99Ms)]
                .map { LatencyCDFChart.Marker(label: $0.0, level: $0.1, valueMs: $0.2) }
            return .init(name: side.environment, valuesMs: values, markers: markers, count: latency.n)
        }
        guard series.count == 2 else { return [] }
        let marked = deciding ?? comparison.latency.first { $0.metric == "p95" }
        let margin = marked.flatMap { delta in
            delta.marginLimitMs.map { limit in
                LatencyCDFChart.Margin(fromMs: delta.baselineMs, toMs: limit,
                                       label: "\(comparison.candidate.environment) \(delta.metric) allowed up to \(ms(limit))")
            }
        }
        return [LatencyCDFChart(series: series, margin: margin, subject: name).svg()]
    }
}
