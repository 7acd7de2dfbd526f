import Foundation

/// Compares each check's candidate samples with its baseline samples and decides pass / fail / inconclusive.
enum ComparisonBuilder {
    static func compare(check: Check, samples: [String: [Sample]], policy suitePolicy: ComparisonPolicy) -> ComparisonReport? {
        guard check.definitions[suitePolicy.baseline] != nil, check.definitions[suitePolicy.candidate] != nil else { return nil }
        let policy = check.comparison?.applied(to: suitePolicy) ?? suitePolicy
        let base = samples[policy.baseline] ?? [], cand = samples[policy.candidate] ?? []
        let baseLatency = base.compactMap(\.measurement.latency), candLatency = cand.compactMap(\.measurement.latency)
        let baseDistribution = LatencyDistribution(microseconds: baseLatency)
        let candDistribution = LatencyDistribution(microseconds: candLatency)

        let absoluteMs = Double(policy.absoluteMargin.microseconds) / 1000
        var deltas: [ComparisonReport.MetricDelta] = []
        if let baseDistribution, let candDistribution {
            // A percentile needs samples above it to be more than the maximum: p99 of 20 samples is the slowest
            // one, and comparing two maxima raises false alarms. Compare pN only with n × (1 − N/100) ≥ 1.
            let n = min(baseDistribution.count, candDistribution.count)
            for metric in policy.metrics where Double(n) * (1 - (metric.percentile ?? 0) / 100) >= 1 {
                let b = (baseDistribution.value(of: metric) ?? 0) / 1000, c = (candDistribution.value(of: metric) ?? 0) / 1000
                let relative = b > 0 ? c / b - 1 : nil
                deltas.append(.init(metric: metric.rawValue, baselineMs: b, candidateMs: c, deltaMs: ((c - b) * 1000).rounded() / 1000,
                                    deltaRelative: relative.map { ($0 * 10_000).rounded() / 10_000 },
                                    beyondMargin: c - b > absoluteMs && (relative.map { $0 > policy.relativeMargin } ?? true)))
            }
        }
        let rankTest = MannWhitneyU.test(candLatency.map(Double.init), baseLatency.map(Double.init), alternative: .greater)

        let baseFailed = base.filter { !$0.passed }.count, candFailed = cand.filter { !$0.passed }.count
        let baseRate = base.isEmpty ? nil : Double(baseFailed) / Double(base.count)
        let candRate = cand.isEmpty ? nil : Double(candFailed) / Double(cand.count)
        let fisher = FisherExact.test(a: candFailed, b: cand.count - candFailed, c: baseFailed, d: base.count - baseFailed, alternative: .greater)
        let deltaPoints = baseRate.flatMap { b in candRate.map { $0 - b } }
        let errors = ComparisonReport.ErrorComparison(
            baselineRate: baseRate, candidateRate: candRate, deltaPoints: deltaPoints, pValue: fisher.pValue,
            oddsRatio: fisher.oddsRatio.isFinite ? fisher.oddsRatio : nil, beyondMargin: (deltaPoints ?? 0) > policy.errorMargin)

        var report = ComparisonReport(
            check: check.name, suite: check.suite,
            baseline: .init(environment: policy.baseline, n: base.count, failed: baseFailed, errorRate: baseRate, latency: baseDistribution.map(RunReport.LatencyFigures.init)),
            candidate: .init(environment: policy.candidate, n: cand.count, failed: candFailed, errorRate: candRate, latency: candDistribution.map(RunReport.LatencyFigures.init)),
            decision: "pass", reason: "", latency: deltas, mannWhitney: rankTest, errors: errors,
            margins: .init(relative: policy.relativeMargin, absoluteMs: absoluteMs, errorPoints: policy.errorMargin,
                           significance: policy.significance, minimumSamples: policy.minimumSamples))
        (report.decision, report.reason) = decide(report, policy: policy)
        return report
    }

    /// The decision rule: a regression must exceed its margin and be significant to fail; beyond the margin but
    /// not significant (or too few samples to tell) is inconclusive.
    static func decide(_ report: ComparisonReport, policy: ComparisonPolicy) -> (String, String) {
        let (b, c) = (policy.baseline, policy.candidate)
        let n = "n = \(report.baseline.n) / \(report.candidate.n)"
        let worst = report.latency.filter(\.beyondMargin).max { $0.deltaMs < $1.deltaMs }
        let latencySignificant = (report.mannWhitney?.pValue ?? 1) < policy.significance
        let errorsSignificant = report.errors.pValue < policy.significance
        let margin = "margins \(percent(policy.relativeMargin)) and \(ms(report.margins.absoluteMs))"

        if report.errors.beyondMargin {
            let text = "\(c) fails more often than \(b): \(percent(report.errors.candidateRate ?? 0)) vs \(percent(report.errors.baselineRate ?? 0)) of samples (+\(points(report.errors.deltaPoints ?? 0)), margin \(points(policy.errorMargin))); Fisher's exact p = \(pValue(report.errors.pValue)) (\(n))"
            if errorsSignificant { return ("fail", text + ".") }
            if worst == nil { return ("inconclusive", text + ", not significant at \(policy.significance).") }
        }
        if let worst {
            let effect = report.mannWhitney.map { ", \(c) slower in \(Int(($0.commonLanguageEffect * 100).rounded()))% of sample pairs" } ?? ""
            let text = "\(c) is slower than \(b): \(worst.metric) \(ms(worst.candidateMs)) vs \(ms(worst.baselineMs)) (+\(ms(worst.deltaMs))\(worst.deltaRelative.map { ", +" + percent($0) } ?? "")), beyond the \(margin)"
            if min(report.baseline.n, report.candidate.n) < policy.minimumSamples {
                return ("inconclusive", text + "; too few samples to test (\(n), the minimum is \(policy.minimumSamples) per environment).")
            }
            let test = "Mann–Whitney p = \(pValue(report.mannWhitney?.pValue ?? 1)) (\(n))\(effect)"
            return latencySignificant ? ("fail", "\(text); \(test).") : ("inconclusive", "\(text), but not significantly: \(test).")
        }
        if min(report.baseline.n, report.candidate.n) < policy.minimumSamples {
            return ("inconclusive", "too few samples to compare \(c) with \(b) (\(n), the minimum is \(policy.minimumSamples) per environment).")
        }
        let shown = report.latency.first { $0.metric == "p95" } ?? report.latency.first
        let figures = shown.map { "\($0.metric) \(ms($0.candidateMs)) vs \(ms($0.baselineMs))" } ?? "no latency to compare"
        return ("pass", "\(c) is within the margins of \(b): \(figures), errors \(percent(report.errors.candidateRate ?? 0)) vs \(percent(report.errors.baselineRate ?? 0)) (\(n)).")
    }

    private static func ms(_ value: Double) -> String { DurationText.format(microseconds: value * 1000) }
    private static func percent(_ fraction: Double) -> String { String(format: "%.0f%%", fraction * 100) }
    private static func points(_ fraction: Double) -> String { String(format: "%.1f pp", fraction * 100) }
    private static func pValue(_ p: Double) -> String { p < 0.0001 ? String(format: "%.1e", p) : String(format: "%.4f", p) }
}
