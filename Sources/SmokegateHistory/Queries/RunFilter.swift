import Foundation

/// Which runs `history runs` and `history export` show; every condition given must hold.
public struct RunFilter: Sendable, Hashable {
    /// Runs that included this suite.
    public var suite: String?
    /// Runs that probed this environment.
    public var environment: String?
    /// Runs that started at or after this moment (`--since 7d` is `now - 7 days`).
    public var since: Date?
    /// Runs that started before this moment.
    public var until: Date?
    /// Runs carrying every one of these labels with exactly these values.
    public var labels: [String: String]
    /// Only these kinds; empty means all.
    public var kinds: Set<RunKind>
    /// At most this many runs, newest first; nil for all.
    public var limit: Int?

    /// Creates a filter; with no arguments it matches every run.
    public init(
        suite: String? = nil,
        environment: String? = nil,
        since: Date? = nil,
        until: Date? = nil,
        labels: [String: String] = [:],
        kinds: Set<RunKind> = [],
        limit: Int? = nil
    ) {
        self.suite = suite
        self.environment = environment
        self.since = since
        self.until = until
        self.labels = labels
        self.kinds = kinds
        self.limit = limit
    }
}
