/// How a ``HistoryStore`` talks to its database.
public struct HistoryStoreOptions: Sendable, Hashable {
    /// SQLite: how long a write waits for other writers before failing with ``HistoryError/Reason/busy``.
    public var busyTimeout: Duration
    /// SQLite: `synchronous = FULL` (a commit survives a power cut) rather than `NORMAL` (it survives a crash
    /// of the process, not necessarily of the machine).
    public var durableCommits: Bool
    /// PostgreSQL: how long an operation may take beyond the connect timeout before it fails as unreachable.
    public var operationTimeout: Duration
    /// PostgreSQL: connections in the pool.
    public var maximumConnections: Int

    /// Creates options; the defaults suit CI runs and `serve` alike.
    public init(
        busyTimeout: Duration = .seconds(10),
        durableCommits: Bool = true,
        operationTimeout: Duration = .seconds(20),
        maximumConnections: Int = 4
    ) {
        self.busyTimeout = busyTimeout
        self.durableCommits = durableCommits
        self.operationTimeout = operationTimeout
        self.maximumConnections = maximumConnections
    }
}
