/// Counts of values at or below each of a fixed set of bounds, with their sum: a Prometheus histogram, cumulative
/// since the process started. Fixed size, whatever the number of values.
public struct CumulativeHistogram: Sendable, Hashable {
    /// Upper bounds in seconds, suited to service latencies: 5 ms to 10 s (the `+Inf` bucket is `count`).
    public static let bounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// Values at or below each bound, in `bounds` order.
    public private(set) var buckets = [UInt64](repeating: 0, count: CumulativeHistogram.bounds.count)
    public private(set) var count: UInt64 = 0
    /// Sum of the values, in seconds.
    public private(set) var sum: Double = 0

    public init() {}

    public mutating func record(microseconds: Int64) {
        let seconds = Double(max(0, microseconds)) / 1_000_000
        count += 1
        sum += seconds
        for (index, bound) in Self.bounds.enumerated() where seconds <= bound { buckets[index] += 1 }
    }
}
