/// One check compared across the baseline and the candidate: the figures, the tests, the decision and why.
public struct ComparisonReport: Sendable, Codable {
    public var check: String
    public var suite: String
    public var baseline: Side
    public var candidate: Side
    /// `pass`, `fail` (a regression beyond the margins and significant) or `inconclusive`.
    public var decision: String
    /// The decision in one sentence, with the numbers behind it.
    public var reason: String
    public var latency: [MetricDelta]
    /// One-sided (candidate slower) Mann–Whitney U test on the latency samples; nil when a side has none.
    public var mannWhitney: MannWhitneyU.Result?
    public var errors: ErrorComparison
    public var margins: Margins

    /// One environment's side of a comparison.
    public struct Side: Sendable, Codable {
        public var environment: String
        public var n: Int
        public var failed: Int
        public var errorRate: Double?
        public var latency: RunReport.LatencyFigures?
    }

    /// A latency percentile on both sides, in milliseconds.
    public struct MetricDelta: Sendable, Codable {
        public var metric: String
        public var baselineMs: Double
        public var candidateMs: Double
        public var deltaMs: Double
        /// Candidate over baseline minus one; nil when the baseline is zero.
        public var deltaRelative: Double?
        /// Beyond both the relative and the absolute margin.
        public var beyondMargin: Bool
    }

    /// Error rates on both sides and Fisher's exact test (one-sided: the candidate fails more).
    public struct ErrorComparison: Sendable, Codable {
        public var baselineRate: Double?
        public var candidateRate: Double?
        /// Candidate minus baseline, as a fraction (0.02 = 2 percentage points).
        public var deltaPoints: Double?
        public var pValue: Double
        public var oddsRatio: Double?
        public var beyondMargin: Bool
    }

    /// The margins and levels the decision used.
    public struct Margins: Sendable, Codable {
        public var relative: Double
        public var absoluteMs: Double
        public var errorPoints: Double
        public var significance: Double
        public var minimumSamples: Int
    }
}
