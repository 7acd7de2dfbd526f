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
        var recorder = LatencyRecorder()
        for value in values { recorder.record(value) }
        self.init(recorder)
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
