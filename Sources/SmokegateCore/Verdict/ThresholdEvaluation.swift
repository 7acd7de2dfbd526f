/// A threshold checked against observed figures, with the sentence that explains the outcome.
struct ThresholdEvaluation {
    var threshold: String
    var metric: String
    var comparison: String
    var observed: Double?
    var limit: Double
    var unit: String
    var n: Int
    var passed: Bool
    var message: String

    /// Latency metrics read the distribution; the error rate reads failed / probes. No data fails: a gate that
    /// measured nothing has not been met.
    static func evaluate(_ threshold: Threshold, distribution: LatencyDistribution?, errorRate: Double?, probes: Int, failed: Int) -> ThresholdEvaluation {
        let metric = threshold.metric
        let unit = metric == .errorRate ? "ratio" : "ms"
        let scale = metric == .errorRate ? 1.0 : 0.001
        let n = metric == .errorRate ? probes : (distribution?.count ?? 0)
        let observed = metric == .errorRate ? errorRate : distribution?.value(of: metric)
        var result = ThresholdEvaluation(threshold: threshold.description, metric: metric.rawValue, comparison: threshold.comparison.rawValue,
                                         observed: observed.map { ($0 * scale * 1_000_000).rounded() / 1_000_000 },
                                         limit: threshold.limit * scale, unit: unit, n: n, passed: false, message: "")
        guard let observed else {
            result.message = "no \(metric == .errorRate ? "probes" : "latency samples") to measure \(metric.rawValue) on (n=0)"
            return result
        }
        result.passed = threshold.holds(observed)
        let shown = Threshold.format(observed, for: metric)
        let detail = metric == .errorRate ? "\(shown) (\(failed) of \(probes) probes failed)" : "\(shown) (n=\(n))"
        result.message = result.passed
            ? "\(metric.rawValue) \(detail) is within \(threshold.comparison.rawValue) \(Threshold.format(threshold.limit, for: metric))"
            : "\(metric.rawValue) \(detail) is not \(threshold.comparison.rawValue) \(Threshold.format(threshold.limit, for: metric))"
        return result
    }
}
