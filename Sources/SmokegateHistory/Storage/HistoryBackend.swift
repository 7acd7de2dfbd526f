import SQLKit

/// One database behind ``HistoryStore``: how to run a transaction or a read on it, and how to name its errors.
protocol HistoryBackend: Sendable {
    var flavor: SQLFlavor { get }
    /// The location, password redacted, for messages.
    var locationDescription: String { get }

    /// Runs `body` in a write transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in a read-only snapshot (a transaction that writes nothing).
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` outside any transaction (VACUUM cannot run inside one).
    func unmanaged<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Classifies an error from the driver; a ``HistoryError`` passes through.
    func historyError(_ error: any Error, doing action: String) -> HistoryError

    func close() async
}

extension HistoryBackend {
    /// BEGIN, body, COMMIT on one connection; ROLLBACK when anything throws, and `ifRollbackFails` when even
    /// that cannot be sent (PostgreSQL then closes the connection rather than pool it inside a transaction).
    static func runTransaction<T: Sendable>(
        on database: any SQLDatabase,
        begin: SQLQueryString,
        ifRollbackFails: @Sendable () async -> Void = {},
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await database.raw(begin).run()
        do {
            let value = try await body(database)
            try await database.raw("COMMIT").run()
            return value
        } catch {
            do {
                try await database.raw("ROLLBACK").run()
            } catch {
                await ifRollbackFails()
            }
            throw error
        }
    }
}
