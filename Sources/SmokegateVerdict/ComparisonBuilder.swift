import Foundation
import SmokegateModel
import SmokegateStats

/// Compares each check's candidate samples with its baseline samples and decides pass / fail / inconclusive.
///
/// In two steps, because the decisions depend on each other: `measure` computes one check's figures and tests;
/// `decide` corrects every p-value of the run together (Holm), then decides each check. Testing 30 checks on four
/// metrics each at 5 % would find a "regression" between two identical services in most runs.
enum ComparisonBuilder {
    /// One check's figures and raw tests, its decision still open.
    struct Measured {
        var report: ComparisonReport
        var policy: ComparisonPolicy
    }

    static func measure(check: Check, samples: [String: [Sample]], policy suitePolicy: ComparisonPolicy) -> Measured? {
        guard check.definitions[suitePolicy.baseline] != nil, check.definitions[suitePolicy.candidate] != nil else { return nil }
        let policy = check.comparison?.applied(to: suitePolicy) ?? suitePolicy
        let base = samples[policy.baseline] ?? [], cand = samples[policy.candidate] ?? []
        let baseLatency = base.compactMap(\.measurement.latency), candLatency = cand.compactMap(\.measurement.latency)
        let baseDistribution = LatencyDistribution(microseconds: baseLatency)
        let candDistribution = LatencyDistribution(microseconds: candLatency)
        let baseValues = baseLatency.map(Double.init), candValues = candLatency.map(Double.init)

        let absoluteMs = Double(policy.absoluteMargin.microseconds) / 1000
        var deltas: [ComparisonReport.MetricDelta] = []
        var notCompared: [ComparisonReport.NotCompared] = []
        if let baseDistribution, let candDistribution {
            let n = min(baseDistribution.count, candDistribution.count)
            for metric in policy.metrics {
                if let needed = metric.samplesToCompare, n < needed {
                    notCompared.append(.init(metric: metric.rawValue, samplesNeeded: needed, samples: n, requested: policy.metricsRequested))
                    continue
                }
                let b = (baseDistribution.value(of: metric) ?? 0) / 1000, c = (candDistribution.value(of: metric) ?? 0) / 1000
                let relative = b > 0 ? c / b - 1 : nil
                let tail = (metric == .max ? 100 : metric.percentile).flatMap { percentile in
                    ExceedanceTest.test(candidate: candValues, baseline: baseValues, percentile: percentile).map { test in
                        ComparisonReport.TailTest(thresholdMs: test.threshold / 1000, baselineAbove: test.baselineAbove, candidateAbove: test.candidateAbove,
                                                  expectedAbove: (test.expectedAbove * 100).rounded() / 100, pValue: test.pValue, adjustedPValue: test.pValue)
                    }
                }
                deltas.append(.init(metric: metric.rawValue, baselineMs: b, candidateMs: c, deltaMs: ((c - b) * 1000).rounded() / 1000,
                                    deltaRelative: relative.map { ($0 * 10_000).rounded() / 10_000 },
                                    beyondMargin: c - b > absoluteMs && (relative.map { $0 > policy.relativeMargin } ?? true),
                                    marginLimitMs: ((b + max(absoluteMs, b * policy.relativeMargin)) * 1000).rounded() / 1000, tailTest: tail))
            }
        }
        // Without a latency metric to judge, the rank test could decide nothing: it stays out of the report and the
        // run's correction, where it would only raise every other check's bar.
        let rankTest = deltas.isEmpty ? nil : MannWhitneyU.test(candValues, baseValues, alternative: .greater)

        let baseFailed = base.filter { !$0.passed }.count, candFailed = cand.filter { !$0.passed }.count
        let baseRate = base.isEmpty ? nil : Double(baseFailed) / Double(base.count)
        let candRate = cand.isEmpty ? nil : Double(candFailed) / Double(cand.count)
        let fisher = FisherExact.test(a: candFailed, b: cand.count - candFailed, c: baseFailed, d: base.count - baseFailed, alternative: .greater)
        let deltaPoints = baseRate.flatMap { b in candRate.map { $0 - b } }
        let errors = ComparisonReport.ErrorComparison(
            baselineRate: baseRate, candidateRate: candRate, deltaPoints: deltaPoints, pValue: fisher.pValue,
            adjustedPValue: baseFailed + candFailed > 0 ? fisher.pValue : nil,
            oddsRatio: fisher.oddsRatio.isFinite ? fisher.oddsRatio : nil, beyondMargin: (deltaPoints ?? 0) > policy.errorMargin)

        let report = ComparisonReport(
            check: check.name, suite: check.suite,
            baseline: .init(environment: policy.baseline, n: base.count, failed: baseFailed, errorRate: baseRate, latency: baseDistribution.map(RunReport.LatencyFigures.init)),
            candidate: .init(environment: policy.candidate, n: cand.count, failed: candFailed, errorRate: candRate, latency: candDistribution.map(RunReport.LatencyFigures.init)),
            decision: .inconclusive, reason: "", decidingMetric: nil, decidingPValue: nil, latency: deltas, notCompared: notCompared,
            mannWhitney: rankTest, mannWhitneyAdjustedPValue: rankTest?.pValue, errors: errors,
            margins: .init(relative: policy.relativeMargin, absoluteMs: absoluteMs, errorPoints: policy.errorMargin,
                           significance: policy.significance, minimumSamples: policy.minimumSamples, correction: "holm", tests: 0))
        return Measured(report: report, policy: policy)
    }

    /// Corrects every p-value of the run with Holm's method, then decides each comparison.
    static func decide(_ measured: [Measured]) -> [ComparisonReport] {
        var reports = measured.map(\.report)
        // The family: every test that could reject. An error test with no failure on either side cannot, so it
        // is left out rather than making every other test stricter.
        var pValues: [Double] = []
        for report in reports {
            if let p = report.mannWhitney?.pValue { pValues.append(p) }
            pValues += report.latency.compactMap { $0.tailTest?.pValue }
            if report.errors.adjustedPValue != nil { pValues.append(report.errors.pValue) }
        }
        var adjusted = HolmCorrection.adjust(pValues).makeIterator()
        for index in reports.indices {
            reports[index].margins.tests = pValues.count
            if reports[index].mannWhitney != nil { reports[index].mannWhitneyAdjustedPValue = adjusted.next() }
            for metric in reports[index].latency.indices where reports[index].latency[metric].tailTest != nil {
                reports[index].latency[metric].tailTest?.adjustedPValue = adjusted.next() ?? 1
            }
            if reports[index].errors.adjustedPValue != nil { reports[index].errors.adjustedPValue = adjusted.next() }
            let decided = decision(reports[index], policy: measured[index].policy)
            reports[index].decision = decided.decision
            reports[index].reason = decided.reason
            reports[index].decidingMetric = decided.metric
            reports[index].decidingPValue = decided.pValue
        }
        return reports
    }
}
