import SmokegateModel
import SmokegateStats
/// Checks a threshold against observed figures and explains the outcome in one sentence.
enum ThresholdEvaluation {
    /// Latency metrics read the distribution; the error rate reads failed / probes. No data fails: a limit that
    /// measured nothing has not been met.
    static func evaluate(_ threshold: Threshold, distribution: LatencyDistribution?, errorRate: Double?, probes: Int, failed: Int) -> RunReport.ThresholdResult {
        let metric = threshold.metric
        let scale = metric == .errorRate ? 1.0 : 0.001
        let n = metric == .errorRate ? probes : (distribution?.count ?? 0)
        let observed = metric == .errorRate ? errorRate : distribution?.value(of: metric)
        var result = RunReport.ThresholdResult(
            threshold: threshold.description, metric: metric.rawValue, comparison: threshold.comparison.rawValue,
            observed: observed.map { ($0 * scale * 1_000_000).rounded() / 1_000_000 }, limit: threshold.limit * scale,
            unit: metric == .errorRate ? "ratio" : "ms", n: n, passed: false, message: "")
        guard let observed else {
            result.message = "no \(metric == .errorRate ? "probes" : "latency samples") to measure \(metric.rawValue) on (n=0)"
            return result
        }
        result.passed = threshold.holds(observed)
        let shown = Threshold.format(observed, for: metric)
        let detail = metric == .errorRate ? "\(shown) (\(failed) of \(probes) probes failed)" : "\(shown) (n=\(n))"
        let limit = threshold.description.dropFirst(metric.rawValue.count + 1)
        result.message = "\(metric.rawValue) \(detail) is \(result.passed ? "within" : "not") \(limit)"
        return result
    }
}
