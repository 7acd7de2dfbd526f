import Foundation
import SmokegateStats

/// One target's figures for one clock hour (UTC) of `serve`; kept longer than raw windows and run detail.
public struct HourlyRollupRecord: Sendable, Hashable, Codable {
    public var target: String
    /// The start of the hour, on a whole UTC hour.
    public var hourStart: Date
    /// Seconds of the hour the target was probed (3600 for a full hour).
    public var observedSeconds: Double
    public var probes: Int
    public var failed: Int
    public var downtimeSeconds: Double
    /// The hour's latencies, mergeable into a day's or a month's.
    public var latency: LatencyHistogram

    /// Creates a rollup; `hourStart` must fall on a whole UTC hour (``HistoryStore`` checks).
    public init(
        target: String,
        hourStart: Date,
        observedSeconds: Double = 3600,
        probes: Int,
        failed: Int,
        downtimeSeconds: Double,
        latency: LatencyHistogram = LatencyHistogram()
    ) {
        self.target = target
        self.hourStart = hourStart
        self.observedSeconds = observedSeconds
        self.probes = probes
        self.failed = failed
        self.downtimeSeconds = downtimeSeconds
        self.latency = latency
    }

    /// The whole UTC hour containing `date`.
    public static func hourStart(containing date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
    }

    /// Adds another stretch of the same hour: counts and seconds add, histograms merge.
    public mutating func accumulate(_ other: HourlyRollupRecord) {
        observedSeconds += other.observedSeconds
        probes += other.probes
        failed += other.failed
        downtimeSeconds += other.downtimeSeconds
        latency.merge(other.latency)
    }
}
