import Foundation

/// One run, watch or serve stretch and everything measured in it, written in one transaction: all its rows or none.
///
/// Plain values with no dependency on the engine: the caller maps its report into this shape. A record is
/// written once; writing the same `id` again changes nothing (see ``HistoryStore/record(_:)``), so a write that
/// may or may not have reached the database can be retried safely.
public struct RunRecord: Sendable, Hashable, Codable {
    /// Unique per run; chosen by the caller.
    public var id: UUID
    public var kind: RunKind
    /// The suites run, in order (file names or suite names, as the caller reports them).
    public var suites: [String]
    public var startedAt: Date
    public var finishedAt: Date
    /// The verdict's decision as the report spells it, e.g. `promote`, `pass`, `hold`, `rollback`, `fail`.
    public var decision: String
    public var exitCode: Int
    /// The environments probed, in order.
    public var environments: [String]
    /// `--label key=value` pairs plus the commit and pipeline the caller took from CI variables.
    public var labels: [String: String]
    /// One per check × environment.
    public var results: [CheckResultRecord]
    /// One per compared check (runs with a baseline and a candidate).
    public var comparisons: [ComparisonRecord]
    /// Downtime windows seen by a watch or serve.
    public var windows: [DowntimeWindowRecord]
    /// Version switches seen by a watch or serve.
    public var cutovers: [CutoverRecord]
    /// With `--deployment ID --version V`: the runbook's `deployment_logs` row, written with the run.
    public var deployment: DeploymentRecord?
    /// With `--rollback-of ID`: the runbook's `rollback_logs` row, written with the run.
    public var rollback: RollbackRecord?

    /// Creates a record; detail defaults to empty.
    public init(
        id: UUID = UUID(),
        kind: RunKind,
        suites: [String],
        startedAt: Date,
        finishedAt: Date,
        decision: String,
        exitCode: Int,
        environments: [String],
        labels: [String: String] = [:],
        results: [CheckResultRecord] = [],
        comparisons: [ComparisonRecord] = [],
        windows: [DowntimeWindowRecord] = [],
        cutovers: [CutoverRecord] = [],
        deployment: DeploymentRecord? = nil,
        rollback: RollbackRecord? = nil
    ) {
        self.id = id
        self.kind = kind
        self.suites = suites
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.decision = decision
        self.exitCode = exitCode
        self.environments = environments
        self.labels = labels
        self.results = results
        self.comparisons = comparisons
        self.windows = windows
        self.cutovers = cutovers
        self.deployment = deployment
        self.rollback = rollback
    }
}
