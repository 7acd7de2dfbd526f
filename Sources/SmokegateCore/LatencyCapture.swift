import SmokegateModel
import SmokegateStats
import Synchronization

/// The latencies of a run or watch per target, in the history's mergeable histogram, kept for `--history`
/// (the report carries only percentiles, which cannot be merged across runs).
public final class LatencyCapture: Sendable {
    private let captured = Mutex<[TargetKey: LatencyHistogram]>([:])

    public init() {}

    /// What the run or watch measured, by target; empty until it has finished.
    public var histograms: [TargetKey: LatencyHistogram] { captured.withLock { $0 } }

    /// Keeps a run's samples, each latency in the histogram of its check and environment.
    func keep(samples: [Sample], of suite: Suite) {
        var histograms: [TargetKey: LatencyHistogram] = [:]
        for sample in samples where suite.checks.indices.contains(sample.check) {
            guard let latency = sample.measurement.latency else { continue }
            let check = suite.checks[sample.check]
            histograms[TargetKey(suite: check.suite, check: check.name, environment: sample.environment), default: LatencyHistogram()]
                .record(microseconds: UInt64(max(0, latency)))
        }
        captured.withLock { $0 = histograms }
    }

    /// Keeps a watch's per-target latencies.
    func keep(watch state: WatchState, of suite: Suite) {
        var histograms: [TargetKey: LatencyHistogram] = [:]
        for target in state.targets where suite.checks.indices.contains(target.check) {
            let check = suite.checks[target.check]
            histograms[TargetKey(suite: check.suite, check: check.name, environment: target.environment)] = LatencyHistogram(target.latency)
        }
        captured.withLock { $0 = histograms }
    }
}
