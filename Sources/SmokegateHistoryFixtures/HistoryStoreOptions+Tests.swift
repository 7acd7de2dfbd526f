import SmokegateHistory

extension HistoryStoreOptions {
    /// For tests and their helper processes on a loaded 2-core machine: dozens of tests open databases at once, and
    /// the concurrency tests write back to back from several processes. SQLite's lock is not fair (a waiter polls
    /// every 100 ms and can miss every gap between the other writers' transactions), so the CI default of 10 s once
    /// ran out there. Tests of the timeouts themselves pass their own.
    public static let generousForTests = HistoryStoreOptions(busyTimeout: .seconds(120), operationTimeout: .seconds(120))
}
