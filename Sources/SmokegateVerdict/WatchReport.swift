import SmokegateVocabulary
/// What `smokegate watch` saw: per target, its downtime windows, version timeline and figures.
///
/// Offsets (`…Ms`) count milliseconds from the watch's start; each window's edges are known to within one probe
/// interval (`windowUncertaintyMs`), because the outage began somewhere after the last passing probe.
public struct WatchReport: Sendable, Codable {
    public var intervalMs: Double
    public var durationPlannedSeconds: Double
    public var until: String?
    /// When the `until` condition first held.
    public var untilMetAtMs: Double?
    /// `duration`, `until` or `interrupted`; `running` in a checkpoint written while the watch goes on.
    public var endedBy: WatchEnd
    /// True in a checkpoint: the figures so far, not a verdict.
    public var checkpoint: Bool
    public var observedSeconds: Double
    /// The nominal uncertainty, one interval; a window whose probes were missed or late reports a larger one.
    public var windowUncertaintyMs: Double
    public var targets: [Target]

    /// One check in one environment, probed at the watch's rate.
    public struct Target: Sendable, Codable {
        public var check: String
        public var suite: String
        public var environment: String
        public var target: String?
        /// `up` or `down` at the last probe; `unknown` before any finished.
        public var state: TargetStatus
        public var downSinceMs: Double?
        public var probesScheduled: Int
        public var probesCompleted: Int
        public var probesFailed: Int
        /// Probes not started because `maxInFlight` earlier ones were still running.
        public var probesMissed: Int
        /// Probes cancelled in flight when a signal ended the watch; `unansweredSinceMs` is when the oldest was due.
        public var probesCutShort: Int
        public var unansweredSinceMs: Double?
        public var maxInFlight: Int
        public var peakInFlight: Int
        public var errorRate: Double?
        /// Time up over time observed, as a fraction.
        public var availability: Double?
        public var downtimeMs: Double
        public var longestWindowMs: Double
        public var windowCount: Int
        /// The first windows, oldest first; `windowsOmitted` counts the rest.
        public var windows: [Window]
        public var windowsOmitted: Int
        public var latency: RunReport.LatencyFigures?
        public var perMinute: [Minute]
        /// With `version_from`: answers per version, runs of one version, and the cutover.
        public var versions: [String: Int]?
        public var currentVersion: String?
        public var timeline: [Segment]?
        public var timelineOmitted: Int?
        public var cutover: Cutover?
        public var gates: [RunReport.ThresholdResult]
    }

    /// One continuous stretch of failing probes.
    public struct Window: Sendable, Codable {
        public var startedAt: String
        public var startMs: Double
        public var endedAt: String?
        public var endMs: Double?
        public var durationMs: Double
        /// Still down when the watch ended (or at the checkpoint): the duration counts up to then.
        public var ongoing: Bool
        public var failedProbes: Int
        public var reasons: [FailureReason: Int]
        public var firstFailure: String
        public var uncertaintyMs: Double
    }

    /// Consecutive answers from one version.
    public struct Segment: Sendable, Codable {
        public var version: String
        public var firstMs: Double
        public var lastMs: Double
        public var probes: Int
    }

    /// The switch from the first version seen to the latest.
    public struct Cutover: Sendable, Codable {
        public var from: String
        public var to: String
        public var firstNewMs: Double
        public var lastOldMs: Double
        public var startedAt: String
        public var startMs: Double
        public var endMs: Double
        public var windowMs: Double
        /// How long both versions answered.
        public var mixedMs: Double
        /// Returns to an older version after the new one first answered.
        public var flaps: Int
        public var flapTimesMs: [Double]
        /// The target ended on an older version than the newest it answered with: the switch was rolled back.
        public var rolledBack: Bool
    }

    public struct Minute: Sendable, Codable {
        public var minute: Int
        public var probes: Int
        public var failed: Int
        public var latency: RunReport.LatencyFigures?
    }
}
