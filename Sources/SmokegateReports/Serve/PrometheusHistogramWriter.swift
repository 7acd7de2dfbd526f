import SmokegateStats

/// Writes a `CumulativeHistogram` as a Prometheus histogram: its names and `le` labels spelled in bytes once, not
/// once per series and scrape (a thousand targets' scrape writes some 60 000 bucket lines).
struct PrometheusHistogramWriter: Sendable {
    static let duration = PrometheusHistogramWriter(PrometheusTargetFamily.duration.name)
    static let phase = PrometheusHistogramWriter(PrometheusTargetFamily.phaseDuration.name)

    /// `le="0.005"` … `le="+Inf"` of each layout, in bucket order.
    private static let latencyBounds = boundLabels(.latency)
    private static let phaseBounds = boundLabels(.phase)

    private let bucket: [UInt8], sum: [UInt8], count: [UInt8]

    init(_ name: String) {
        (bucket, sum, count) = (Array((name + "_bucket").utf8), Array((name + "_sum").utf8), Array((name + "_count").utf8))
    }

    func write(_ histogram: CumulativeHistogram, _ labels: PrometheusText.Labels, into text: inout PrometheusText) {
        let bounds = switch histogram.layout {
        case .latency: Self.latencyBounds
        case .phase: Self.phaseBounds
        }
        for (index, bound) in bounds.enumerated() {
            text.sample(bucket, labels, extra: bound, index < histogram.buckets.count ? histogram.buckets[index] : histogram.count)
        }
        text.sample(sum, labels, histogram.sum)
        text.sample(count, labels, Double(histogram.count))
    }

    private static func boundLabels(_ layout: CumulativeHistogram.Layout) -> [[UInt8]] {
        (layout.bounds.map(PrometheusText.number) + ["+Inf"]).map { PrometheusText.Labels.pair("le", $0) }
    }
}
