/// How a candidate environment is judged against a baseline, check by check.
///
/// A latency difference counts only when it exceeds both margins (so 2 ms → 3 ms on a fast endpoint is not a
/// "50% regression") and a one-sided Mann–Whitney U test finds it significant; an error-rate difference counts
/// when it exceeds `errorMargin` percentage points and Fisher's exact test finds it significant.
public struct ComparisonPolicy: Sendable, Hashable {
    public var baseline: String
    public var candidate: String
    /// The latency percentiles compared (p50, p95, p99 by default).
    public var metrics: [Threshold.Metric]
    /// `metrics` was listed in a `compare:` block rather than left at the defaults: a listed metric the samples
    /// cannot support makes the comparison inconclusive; a default one is only reported as not compared.
    public var metricsRequested = false
    /// Relative margin: 0.2 lets the candidate be up to 20% slower.
    public var relativeMargin: Double
    /// Absolute margin that must also be exceeded.
    public var absoluteMargin: Duration
    /// Error-rate margin in percentage points as a fraction: 0.01 = 1 pp.
    public var errorMargin: Double
    /// The significance level of both tests.
    public var significance: Double
    /// Fewer samples per environment than this make a check's comparison inconclusive. With 3 each, even a
    /// complete separation gives a one-sided exact p of 1/20 = 0.05; 4 each is the least that can go below
    /// (1/70); the default of 5 leaves room for ties.
    public var minimumSamples: Int

    public static let defaultMetrics: [Threshold.Metric] = [.p50, .p95, .p99]

    public init(baseline: String, candidate: String, metrics: [Threshold.Metric] = ComparisonPolicy.defaultMetrics,
                relativeMargin: Double = 0.2, absoluteMargin: Duration = .milliseconds(10), errorMargin: Double = 0.01,
                significance: Double = 0.05, minimumSamples: Int = 5) {
        self.baseline = baseline
        self.candidate = candidate
        self.metrics = metrics
        self.relativeMargin = relativeMargin
        self.absoluteMargin = absoluteMargin
        self.errorMargin = errorMargin
        self.significance = significance
        self.minimumSamples = minimumSamples
    }
}

/// The comparison settings a suite's or a check's `compare:` block sets; unset ones keep the defaults.
public struct ComparisonSettings: Sendable, Hashable {
    public var baseline: String?
    public var candidate: String?
    public var metrics: [Threshold.Metric]?
    public var relativeMargin: Double?
    public var absoluteMargin: Duration?
    public var errorMargin: Double?
    public var significance: Double?
    public var minimumSamples: Int?

    public init() {}

    /// `policy` with every setting given here applied.
    public func applied(to policy: ComparisonPolicy) -> ComparisonPolicy {
        var result = policy
        if let metrics {
            result.metrics = metrics
            result.metricsRequested = true
        }
        if let relativeMargin { result.relativeMargin = relativeMargin }
        if let absoluteMargin { result.absoluteMargin = absoluteMargin }
        if let errorMargin { result.errorMargin = errorMargin }
        if let significance { result.significance = significance }
        if let minimumSamples { result.minimumSamples = minimumSamples }
        return result
    }
}
