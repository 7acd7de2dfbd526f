/// Counts of values at or below each of a fixed set of bounds, with their sum: a Prometheus histogram, cumulative
/// since the process started. Fixed size, whatever the number of values.
public struct CumulativeHistogram: Sendable, Hashable {
    /// Which bounds a histogram counts against.
    public enum Layout: Sendable, Hashable {
        /// A probe's whole latency: 5 ms to 10 s in eleven steps.
        case latency
        /// One phase of a probe (dns, connect, tls…): 1 ms to 2.5 s in six steps. A phase is a part of a latency
        /// already measured at full resolution, and a target has up to five of them: coarser buckets keep a
        /// thousand targets' scrape a quarter smaller while still telling a 1 ms connect from a 100 ms one.
        case phase

        /// Upper bounds in seconds, ascending (the `+Inf` bucket is `count`).
        public var bounds: [Double] {
            switch self {
            case .latency: Self.latencyBounds
            case .phase: Self.phaseBounds
            }
        }

        private static let latencyBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
        private static let phaseBounds: [Double] = [0.001, 0.005, 0.025, 0.1, 0.5, 2.5]
    }

    public let layout: Layout
    /// Values at or below each bound, in `layout.bounds` order.
    public private(set) var buckets: [UInt64]
    public private(set) var count: UInt64 = 0
    /// Sum of the values, in seconds.
    public private(set) var sum: Double = 0

    public init(_ layout: Layout = .latency) {
        self.layout = layout
        buckets = [UInt64](repeating: 0, count: layout.bounds.count)
    }

    public mutating func record(microseconds: Int64) {
        let seconds = Double(max(0, microseconds)) / 1_000_000
        count += 1
        sum += seconds
        for (index, bound) in layout.bounds.enumerated() where seconds <= bound { buckets[index] += 1 }
    }
}
