import Histogram

/// Latencies folded into an HdrHistogram as they arrive: constant memory however long a watch runs.
public struct LatencyRecorder: Sendable {
    var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
    public private(set) var count = 0
    var sum = 0.0

    public init() {}

    /// Records one latency in microseconds; negative values count as zero.
    public mutating func record(_ microseconds: Int64) {
        let clamped = UInt64(Swift.max(microseconds, 0))
        _ = histogram.record(clamped)
        sum += Double(clamped)
        count += 1
    }
}

extension LatencyRecorder {
    /// Adds everything `other` recorded.
    public mutating func merge(_ other: LatencyRecorder) {
        histogram.add(other.histogram)
        sum += other.sum
        count += other.count
    }
}
