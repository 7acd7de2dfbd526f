import Foundation

/// How long history is kept (`--retention 30d`).
///
/// Raw detail goes first: per-run results and comparisons, downtime windows, cutovers and resolved incidents
/// older than ``detail``. Summaries stay for ``summaries``: the run rows themselves (with suites, environments
/// and labels, so `history runs` still lists them) and the hourly rollups. The runbook's `deployment_logs` and
/// `rollback_logs` are never deleted by smokegate: they are the runbook's records.
public struct RetentionPolicy: Sendable, Hashable {
    public var detail: Duration
    public var summaries: Duration

    /// Creates a policy; `summaries` shorter than `detail` is raised to it.
    public init(detail: Duration, summaries: Duration) {
        self.detail = detail
        self.summaries = max(summaries, detail)
    }
}

/// What one pass of retention deleted, per table.
public struct RetentionReport: Sendable, Hashable, Codable {
    public var runs = 0
    public var results = 0
    public var comparisons = 0
    public var windows = 0
    public var cutovers = 0
    public var rollups = 0
    public var incidents = 0

    /// Creates an empty report.
    public init() {}

    /// Every row deleted.
    public var total: Int { runs + results + comparisons + windows + cutovers + rollups + incidents }
}
