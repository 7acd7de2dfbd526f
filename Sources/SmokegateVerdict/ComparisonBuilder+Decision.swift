import Foundation
import SmokegateVocabulary
import SmokegateModel

extension ComparisonBuilder {
    /// The deciding metric of a decision about the error rate.
    static let errorRate = "error_rate"

    /// A comparison's decision, its sentence, and the metric and corrected p-value it rests on.
    struct Decided {
        var decision: ComparisonDecision
        var reason: String
        var metric: String?
        var pValue: Double?

        init(_ decision: ComparisonDecision, _ reason: String, _ metric: String?, _ pValue: Double? = nil) {
            self.decision = decision
            self.reason = reason
            self.metric = metric
            self.pValue = pValue
        }
    }

    /// The decision rule, on p-values already corrected for the whole run: a regression must exceed its margins and
    /// be significant to fail. A difference beyond the margins that the tests cannot tell from noise passes, and the
    /// reason says so. Inconclusive: too few samples to test, or a metric the user asked for that the samples cannot
    /// support.
    static func decision(_ report: ComparisonReport, policy: ComparisonPolicy) -> Decided {
        let (b, c) = (policy.baseline, policy.candidate)
        let n = "n = \(report.baseline.n) / \(report.candidate.n)"
        let alpha = policy.significance
        let tooFew = min(report.baseline.n, report.candidate.n) < policy.minimumSamples
        let family = report.margins.tests
        let corrected = "after correcting for the run's \(family) test\(family == 1 ? "" : "s")"
        let beyond = report.latency.filter(\.beyondMargin)
        let margin = "margins \(percent(policy.relativeMargin)) and \(ms(report.margins.absoluteMs))"

        /// The stronger evidence for one metric: Mann–Whitney on every sample, or the test of its tail.
        func evidence(_ delta: ComparisonReport.MetricDelta) -> (adjusted: Double, text: String) {
            let rank = report.mannWhitney.map { test in
                (report.mannWhitneyAdjustedPValue ?? 1, "Mann–Whitney p = \(pValue(test.pValue)), \(c) slower in \(Int((test.commonLanguageEffect * 100).rounded()))% of sample pairs")
            }
            let tail = delta.tailTest.map { test in
                (test.adjustedPValue, "tail test p = \(pValue(test.pValue)): \(test.candidateAbove) of \(report.candidate.n) \(c) samples above \(b)'s \(delta.metric) of \(ms(test.thresholdMs)), \(String(format: "%.1f", test.expectedAbove)) expected")
            }
            let best = [rank, tail].compactMap { $0 }.min { $0.0 < $1.0 } ?? (1, "no latency samples to test")
            return (best.0, "\(best.1); adjusted p = \(pValue(best.0)) \(corrected)")
        }
        func slower(_ delta: ComparisonReport.MetricDelta) -> String {
            "\(c) is slower than \(b): \(delta.metric) \(ms(delta.candidateMs)) vs \(ms(delta.baselineMs)) (+\(ms(delta.deltaMs))\(delta.deltaRelative.map { ", +" + percent($0) } ?? "")), beyond the \(margin)"
        }
        let errorText = "\(c) fails more often than \(b): \(percent(report.errors.candidateRate ?? 0)) vs \(percent(report.errors.baselineRate ?? 0)) of samples (+\(points(report.errors.deltaPoints ?? 0)), margin \(points(policy.errorMargin))); Fisher's exact p = \(pValue(report.errors.pValue))"
        let shown = report.latency.first { $0.metric == "p95" } ?? report.latency.first
        let largest = beyond.max { $0.deltaMs < $1.deltaMs }

        if tooFew {
            let minimum = "the minimum is \(policy.minimumSamples) per environment"
            if report.errors.beyondMargin { return Decided(.inconclusive, "\(errorText); too few samples to test (\(n), \(minimum)).", Self.errorRate) }
            if let largest { return Decided(.inconclusive, "\(slower(largest)); too few samples to test (\(n), \(minimum)).", largest.metric) }
            return Decided(.inconclusive, "too few samples to compare \(c) with \(b) (\(n), \(minimum)).", shown?.metric)
        }
        if report.errors.beyondMargin, let adjusted = report.errors.adjustedPValue, adjusted < alpha {
            return Decided(.fail, "\(errorText), adjusted p = \(pValue(adjusted)) \(corrected) (\(n)).", Self.errorRate, adjusted)
        }
        let significant = beyond.map { ($0, evidence($0)) }.filter { $0.1.adjusted < alpha }
        if let worst = significant.max(by: { $0.0.deltaMs < $1.0.deltaMs }) {
            return Decided(.fail, "\(slower(worst.0)); \(worst.1.text) (\(n)).", worst.0.metric, worst.1.adjusted)
        }
        if let missing = report.notCompared.first(where: \.requested) {
            let others = report.notCompared.filter(\.requested).dropFirst().map(\.metric)
            return Decided(.inconclusive, "\(missing.metric)\(others.isEmpty ? "" : " (and \(others.joined(separator: ", ")))") cannot be compared: "
                + "it needs at least \(missing.samplesNeeded) samples per environment so that one lies above it, and the check has \(missing.samples); "
                + "raise samples or take \(missing.metric) out of compare.metrics.", largest?.metric ?? shown?.metric)
        }
        let evidenceShown = (largest ?? shown).map { evidence($0).adjusted }
        var text = "\(c) is within the margins of \(b): "
            + (shown.map { "\($0.metric) \(ms($0.candidateMs)) vs \(ms($0.baselineMs))" } ?? "no latency to compare")
            + ", errors \(percent(report.errors.candidateRate ?? 0)) vs \(percent(report.errors.baselineRate ?? 0)) (\(n))."
        if let largest {
            text = "\(c)'s \(largest.metric) is beyond the \(margin) (\(ms(largest.candidateMs)) vs \(ms(largest.baselineMs))), but not significantly: "
                + "\(evidence(largest).text); within noise (\(n))."
        } else if report.errors.beyondMargin {
            return Decided(.pass, "\(errorText), not significant \(corrected) (\(n)).", Self.errorRate, report.errors.adjustedPValue)
        }
        return Decided(.pass, text, largest?.metric ?? shown?.metric, evidenceShown)
    }

    private static func ms(_ value: Double) -> String { DurationText.format(microseconds: value * 1000) }
    private static func percent(_ fraction: Double) -> String { String(format: "%.0f%%", fraction * 100) }
    private static func points(_ fraction: Double) -> String { String(format: "%.1f pp", fraction * 100) }
    private static func pValue(_ p: Double) -> String { p < 0.0001 ? String(format: "%.1e", p) : String(format: "%.4f", p) }
}
