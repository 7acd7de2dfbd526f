import Foundation

/// What a run's probes brought back, before any statistics: the engine's result, the verdict's input.
public struct RunOutcome: Sendable {
    public var samples: [Sample]
    public var planned: Int
    public var startedAt: Date
    public var finishedAt: Date
    /// Monotonic wall time of the run.
    public var elapsed: Duration
    /// True when the run was cancelled (a signal or the deadline) before every job finished.
    public var interrupted: Bool
    /// Probes not sent because a check they depend on failed or did not run in that environment.
    public var blocked: [BlockedProbe] = []

    public init(samples: [Sample], planned: Int, startedAt: Date, finishedAt: Date, elapsed: Duration, interrupted: Bool) {
        self.samples = samples
        self.planned = planned
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.elapsed = elapsed
        self.interrupted = interrupted
    }
}
