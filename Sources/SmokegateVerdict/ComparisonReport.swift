import SmokegateStats
import SmokegateVocabulary
/// One check compared across the baseline and the candidate: the figures, the tests, the decision and why.
public struct ComparisonReport: Sendable, Codable {
    public var check: String
    public var suite: String
    public var baseline: Side
    public var candidate: Side
    /// `pass`, `fail` (a regression beyond the margins and significant) or `inconclusive`.
    public var decision: ComparisonDecision
    /// The decision in one sentence, with the numbers behind it.
    public var reason: String
    /// The latency metric the decision names (the largest significant regression, else the largest difference
    /// beyond the margins, else p95 or the first compared); nil when no latency was compared.
    public var decidingMetric: String?
    /// The corrected p-value the decision rests on: the stronger test of the deciding metric, or the error test.
    public var decidingPValue: Double?
    public var latency: [MetricDelta]
    /// Metrics in `compare.metrics` (or the defaults) the samples cannot support, and why.
    public var notCompared: [NotCompared]
    /// One-sided (candidate slower) Mann–Whitney U test on the latency samples; nil when a side has none.
    public var mannWhitney: MannWhitneyU.Result?
    /// The Mann–Whitney p-value after Holm's correction for every test of the run.
    public var mannWhitneyAdjustedPValue: Double?
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

    /// A latency figure on both sides, in milliseconds, with the test of the tail above it.
    public struct MetricDelta: Sendable, Codable {
        public var metric: String
        public var baselineMs: Double
        public var candidateMs: Double
        public var deltaMs: Double
        /// Candidate over baseline minus one; nil when the baseline is zero.
        public var deltaRelative: Double?
        /// Beyond both the relative and the absolute margin.
        public var beyondMargin: Bool
        /// The candidate's value past which the difference is beyond both margins: the baseline's value plus the
        /// larger of the absolute margin and the relative one (what a chart draws as the margin's band).
        public var marginLimitMs: Double? = nil
        /// For percentiles and the maximum: how many candidate samples lie above the baseline's value.
        public var tailTest: TailTest?
    }

    /// `ExceedanceTest` above one baseline percentile, in milliseconds, with its corrected p-value.
    public struct TailTest: Sendable, Codable {
        public var thresholdMs: Double
        public var baselineAbove: Int
        public var candidateAbove: Int
        public var expectedAbove: Double
        public var pValue: Double
        /// After Holm's correction for every test of the run.
        public var adjustedPValue: Double
    }

    /// A requested metric that was not compared, because too few samples lie above it to tell it from the maximum.
    public struct NotCompared: Sendable, Codable {
        public var metric: String
        /// Samples per environment the metric needs: at least one must lie above the percentile.
        public var samplesNeeded: Int
        /// The fewer of the two environments' samples.
        public var samples: Int
        /// Listed in the check's or the suite's `compare.metrics`, not a default: not comparing it holds the run.
        public var requested: Bool
    }

    /// Error rates on both sides and Fisher's exact test (one-sided: the candidate fails more).
    public struct ErrorComparison: Sendable, Codable {
        public var baselineRate: Double?
        public var candidateRate: Double?
        /// Candidate minus baseline, as a fraction (0.02 = 2 percentage points).
        public var deltaPoints: Double?
        public var pValue: Double
        /// After Holm's correction; nil when no sample failed on either side, where the test can show nothing.
        public var adjustedPValue: Double?
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
        /// `holm`: p-values are corrected for every test of the run before they are held to `significance`.
        public var correction: String
        /// How many tests the correction covers: the run's Mann–Whitney, tail and error tests together.
        public var tests: Int
    }
}
