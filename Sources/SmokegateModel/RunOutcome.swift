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

/// A probe the run did not send: the check it depends on failed (or was itself not run) for the sample it waits for.
public struct BlockedProbe: Sendable, Hashable {
    public var check: Int
    public var environment: String
    public var sample: Int
    /// The check depended on, and the captures it should have made (empty for `needs:`).
    public var dependency: CheckDependency
    /// Whether that check's sample ran and failed (false: it was not run either).
    public var dependencyFailed: Bool

    public init(check: Int, environment: String, sample: Int, dependency: CheckDependency, dependencyFailed: Bool) {
        self.check = check
        self.environment = environment
        self.sample = sample
        self.dependency = dependency
        self.dependencyFailed = dependencyFailed
    }
}
