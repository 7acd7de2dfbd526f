import Histogram

/// Percentiles of a set of latencies, from an HdrHistogram in microseconds (3 significant digits).
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
    public init?(microseconds values: some Collection<Int64>) {
        guard !values.isEmpty else { return nil }
        var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        var sum = 0.0
        for value in values {
            let clamped = UInt64(Swift.max(value, 0))
            _ = histogram.record(clamped)
            sum += Double(clamped)
        }
        count = values.count
        min = Int64(histogram.min)
        max = Int64(histogram.maxRecorded)
        mean = sum / Double(values.count)
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
