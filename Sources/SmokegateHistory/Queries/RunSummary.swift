import Foundation

/// One line of `history runs`: the run without its per-check detail, plus its totals.
public struct RunSummary: Sendable, Hashable, Codable {
    public var id: UUID
    public var kind: RunKind
    public var suites: [String]
    public var startedAt: Date
    public var finishedAt: Date
    public var decision: String
    public var exitCode: Int
    public var environments: [String]
    public var labels: [String: String]
    /// Sums over the run's results (zero once retention has removed them).
    public var checkResults: Int
    public var samples: Int
    public var failed: Int
}
