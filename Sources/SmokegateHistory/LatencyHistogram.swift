/// A mergeable latency distribution: microsecond values counted in fixed log-linear buckets.
///
/// Values below 128 µs have a bucket each; above, every power of two is split into 64 equal buckets, so a bucket
/// is at most 1/64 of its lower edge wide and its midpoint is within ``relativeError`` (1/128, 0.79 %) of every
/// value in it. The bucket layout is fixed, so two histograms merge by adding counts: percentiles over a month
/// come from the merged counts, never from averaged percentiles. Only non-empty buckets are kept and stored
/// (see ``encoded()``), so a run's distribution takes a few hundred bytes.
public struct LatencyHistogram: Sendable, Hashable {
    /// The largest relative distance between a recorded value and the value a percentile reports for it.
    public static let relativeError = 1.0 / 128.0

    /// Non-empty buckets: index → count.
    public private(set) var counts: [Int: UInt64] = [:]
    /// How many values were recorded.
    public private(set) var totalCount: UInt64 = 0

    /// An empty histogram.
    public init() {}

    /// Counts `value` (microseconds) `count` times.
    public mutating func record(microseconds value: UInt64, count: UInt64 = 1) {
        guard count > 0 else { return }
        counts[Self.bucketIndex(of: value), default: 0] &+= count
        totalCount &+= count
    }

    /// Counts a latency in milliseconds (negative values count as zero), rounded to the nearest microsecond.
    public mutating func record(milliseconds: Double, count: UInt64 = 1) {
        let micros = (milliseconds * 1000).rounded()
        record(microseconds: micros.isFinite && micros > 0 ? UInt64(min(micros, 1.8e19)) : 0, count: count)
    }

    /// Adds every count of `other` to this histogram.
    public mutating func merge(_ other: LatencyHistogram) {
        for (index, count) in other.counts {
            counts[index, default: 0] &+= count
        }
        totalCount &+= other.totalCount
    }

    /// Returns the merge of this histogram and `other`.
    public func merging(_ other: LatencyHistogram) -> LatencyHistogram {
        var merged = self
        merged.merge(other)
        return merged
    }

    /// True when nothing was recorded.
    public var isEmpty: Bool { totalCount == 0 }

    /// The value (µs) at `percentile` (0–100) by nearest rank: the representative value of the bucket holding the
    /// ⌈p/100 · n⌉-th smallest value; nil when empty.
    public func valueAtPercentile(_ percentile: Double) -> UInt64? {
        guard totalCount > 0 else { return nil }
        let clamped = min(max(percentile, 0), 100)
        let rank = max(1, UInt64((clamped / 100 * Double(totalCount)).rounded(.up)))
        var seen: UInt64 = 0
        for index in counts.keys.sorted() {
            seen += counts[index] ?? 0
            if seen >= rank { return Self.representativeValue(ofBucket: index) }
        }
        return counts.keys.max().map(Self.representativeValue(ofBucket:))
    }

    /// ``valueAtPercentile(_:)`` in milliseconds.
    public func millisecondsAtPercentile(_ percentile: Double) -> Double? {
        valueAtPercentile(percentile).map { Double($0) / 1000 }
    }

    // MARK: - Bucket layout

    /// Values below this have a bucket each.
    static let exactLimit: UInt64 = 128
    /// Buckets per power of two above `exactLimit`.
    static let subBuckets: UInt64 = 64
    /// The highest index: 128 exact buckets, then 64 for each of the octaves 2^7 … 2^63.
    static let maxIndex = Int(exactLimit) + 57 * Int(subBuckets) - 1

    static func bucketIndex(of value: UInt64) -> Int {
        guard value >= exactLimit else { return Int(value) }
        let octave = 63 - value.leadingZeroBitCount  // ≥ 7
        let shift = octave - 6
        let sub = (value >> UInt64(shift)) - subBuckets  // 0 ..< 64
        return Int(exactLimit) + (octave - 7) * Int(subBuckets) + Int(sub)
    }

    /// The lowest and highest value in a bucket.
    static func bounds(ofBucket index: Int) -> ClosedRange<UInt64> {
        guard index >= Int(exactLimit) else { return UInt64(index)...UInt64(index) }
        let offset = index - Int(exactLimit)
        let octave = 7 + offset / Int(subBuckets)
        let shift = UInt64(octave - 6)
        let low = (subBuckets + UInt64(offset % Int(subBuckets))) << shift
        return low...(low + ((1 << shift) - 1))
    }

    /// The bucket's midpoint, which is within `relativeError` of each of its values.
    static func representativeValue(ofBucket index: Int) -> UInt64 {
        let range = bounds(ofBucket: index)
        return range.lowerBound + (range.upperBound - range.lowerBound) / 2
    }

    /// Rebuilds a histogram from decoded buckets; the caller has checked the indices.
    init(validatedCounts: [Int: UInt64]) {
        counts = validatedCounts.filter { $0.value > 0 }
        totalCount = counts.values.reduce(0, &+)
    }
}
