import Histogram
import SmokegateModel

/// Percentiles of a set of latencies in microseconds, nearest-rank: exact from the values of a run, or from an
/// HdrHistogram (3 significant digits) for a watch, which cannot keep its values.
public struct LatencyDistribution: Sendable, Hashable {
    /// How many values the figures rest on: every figure is reported next to it.
    public var count: Int
    public var min: Int64
    public var mean: Double
    public var p50: Int64
    public var p90: Int64
    public var p95: Int64
    public var p99: Int64
    public var max: Int64

    /// nil for an empty set: no figure is better than an invented one.
    ///
    /// Sorting a run's values is exact and cheap; a histogram per check result was not (its first value grows
    /// the counts array to thousands of slots, and a 1 000-check run builds thousands of them).
    public init?(microseconds values: some Collection<Int64>) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        func percentile(_ p: Int) -> Int64 {
            // Nearest rank, as HdrHistogram's valueAtPercentile: the smallest value with at least p% at or below it.
            let rank = (p * sorted.count + 99) / 100
            return sorted[Swift.max(rank, 1) - 1]
        }
        count = sorted.count
        min = sorted[0]
        max = sorted[sorted.count - 1]
        mean = Double(sorted.reduce(0, +)) / Double(sorted.count)
        p50 = percentile(50)
        p90 = percentile(90)
        p95 = percentile(95)
        p99 = percentile(99)
    }

    /// The figures of everything a recorder holds; nil when it holds nothing.
    public init?(_ recorder: LatencyRecorder) {
        let histogram = recorder.histogram
        guard recorder.count > 0 else { return nil }
        count = recorder.count
        min = Int64(histogram.min)
        max = Int64(histogram.maxRecorded)
        mean = recorder.sum / Double(recorder.count)
        p50 = Int64(histogram.valueAtPercentile(50))
        p90 = Int64(histogram.valueAtPercentile(90))
        p95 = Int64(histogram.valueAtPercentile(95))
        p99 = Int64(histogram.valueAtPercentile(99))
    }

    /// The value of a latency metric, in microseconds.
    public func value(of metric: Threshold.Metric) -> Double? {
        switch metric {
        case .p50: Double(p50)
        case .p90: Double(p90)
        case .p95: Double(p95)
        case .p99: Double(p99)
        case .max: Double(max)
        case .min: Double(min)
        case .mean: mean
        case .errorRate: nil
        }
    }
}
