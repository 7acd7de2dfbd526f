import SmokegateStats

/// Writes a `CumulativeHistogram` as a Prometheus histogram: its names and `le` labels spelled in bytes once, not
/// once per series and scrape (a thousand targets' scrape writes some 60 000 bucket lines).
struct PrometheusHistogramWriter: Sendable {
    static let duration = PrometheusHistogramWriter(PrometheusTargetFamily.duration.name, .latency)
    static let phase = PrometheusHistogramWriter(PrometheusTargetFamily.phaseDuration.name, .phase)

    private let bucket: [UInt8], sum: [UInt8], count: [UInt8]
    /// `le="0.005"` … `le="+Inf"` of the layout, in bucket order.
    private let bounds: [[UInt8]]

    init(_ name: String, _ layout: CumulativeHistogram.Layout) {
        (bucket, sum, count) = (Array((name + "_bucket").utf8), Array((name + "_sum").utf8), Array((name + "_count").utf8))
        bounds = (layout.bounds.map(PrometheusText.number) + ["+Inf"]).map { PrometheusText.Labels.pair("le", $0) }
    }

    /// `histogram`'s buckets, sum and count; it counts against this writer's layout (a bucket it lacks reads as
    /// the total, as `+Inf` does).
    func write(_ histogram: CumulativeHistogram, _ labels: PrometheusText.Labels, into text: inout PrometheusText) {
        for (index, bound) in bounds.enumerated() {
            text.sample(bucket, labels, extra: bound, index < histogram.buckets.count ? histogram.buckets[index] : histogram.count)
        }
        text.sample(sum, labels, histogram.sum)
        text.sample(count, labels, Double(histogram.count))
    }
}
