import Foundation
import SQLKit
import Synchronization

/// Run history in SQLite or PostgreSQL: one schema for both, migrated when opened.
///
/// Open it from the `--history` location; write a ``RunRecord`` per run, watch or serve stretch (one
/// transaction each: all its rows or none), hourly rollups and incidents for `serve`; query it for
/// `smokegate history`. Every failure is a ``HistoryError``; ``HistoryError/isRetryable`` says whether
/// queueing the write (``HistoryWriteBuffer``) may help. Safe to use from many tasks at once, and many processes
/// may share one database.
public final class HistoryStore: Sendable {
    /// The schema version this binary writes: the newest migration it knows.
    public static let schemaVersion = HistoryMigration.all.last?.version ?? 0

    /// Where the store is, password redacted.
    public let location: String
    let backend: any HistoryBackend
    private let closed = ClosedFlag()

    private init(backend: any HistoryBackend) {
        self.backend = backend
        self.location = backend.locationDescription
    }

    /// Opens (creating when missing) and migrates the database at `location`, a file path or a `postgres://` URL.
    ///
    /// Refuses a database whose schema is newer than ``schemaVersion`` (``HistoryError/Reason/schemaTooNew``),
    /// leaving it untouched.
    public static func open(_ location: String, options: HistoryStoreOptions = HistoryStoreOptions()) async throws -> HistoryStore {
        try await open(HistoryLocation(parsing: location), options: options)
    }

    /// Opens and migrates the database at a parsed location.
    public static func open(_ location: HistoryLocation, options: HistoryStoreOptions = HistoryStoreOptions()) async throws -> HistoryStore {
        try await open(location, options: options, migrations: HistoryMigration.all)
    }

    /// Opens with a given list of migrations (the tests play an older or a newer binary), or none at all (nil: the
    /// tests set up and inspect databases behind the store's back).
    static func open(_ location: HistoryLocation, options: HistoryStoreOptions, migrations: [HistoryMigration]?) async throws -> HistoryStore {
        let backend: any HistoryBackend = switch location {
        case .sqlite(let path):
            try await SQLiteBackend.open(path: path, busyTimeout: options.busyTimeout, synchronousFull: options.durableCommits)
        case .postgres(let settings):
            PostgresBackend(
                settings: settings,
                description: location.description,
                operationTimeout: options.operationTimeout,
                maximumConnections: max(1, options.maximumConnections)
            )
        }
        do {
            if let migrations {
                try await HistoryMigrator(backend: backend, migrations: migrations).migrate()
            }
        } catch {
            await backend.close()
            throw backend.historyError(error, doing: "migrate the history database")
        }
        return HistoryStore(backend: backend)
    }

    /// The schema version recorded in the database.
    public func storedSchemaVersion() async throws -> Int {
        try await reading("read the schema version") { database, _ in
            try await HistoryMigrator.storedVersion(database) ?? 0
        }
    }

    /// Closes the connections. Later calls fail with ``HistoryError/Reason/closed``; closing twice is harmless.
    public func close() async {
        guard closed.close() else { return }
        await backend.close()
    }

    // MARK: - Running operations

    /// Runs `body` in a write transaction, mapping every failure to a ``HistoryError``.
    func writing<T: Sendable>(_ action: String, _ body: @escaping @Sendable (any SQLDatabase, SQLFlavor) async throws -> T) async throws -> T {
        try await perform(action, .write, body)
    }

    /// Runs `body` in a read snapshot, mapping every failure to a ``HistoryError``.
    func reading<T: Sendable>(_ action: String, _ body: @escaping @Sendable (any SQLDatabase, SQLFlavor) async throws -> T) async throws -> T {
        try await perform(action, .read, body)
    }

    /// Runs `body` outside a transaction (VACUUM, pragmas).
    func unmanaged<T: Sendable>(_ action: String, _ body: @escaping @Sendable (any SQLDatabase, SQLFlavor) async throws -> T) async throws -> T {
        try await perform(action, .unmanaged, body)
    }

    private enum Mode {
        case write, read, unmanaged
    }

    private func perform<T: Sendable>(
        _ action: String,
        _ mode: Mode,
        _ body: @escaping @Sendable (any SQLDatabase, SQLFlavor) async throws -> T
    ) async throws -> T {
        try checkOpen()
        let flavor = backend.flavor
        let operation: @Sendable (any SQLDatabase) async throws -> T = { try await body($0, flavor) }
        do {
            switch mode {
            case .write: return try await backend.transaction(operation)
            case .read: return try await backend.read(operation)
            case .unmanaged: return try await backend.unmanaged(operation)
            }
        } catch {
            throw backend.historyError(error, doing: action)
        }
    }

    private func checkOpen() throws {
        if closed.isClosed {
            throw HistoryError(reason: .closed, message: "the history store at \(location) is closed")
        }
    }
}

/// Set once by `close()`; read by every operation.
private final class ClosedFlag: Sendable {
    private let state = Mutex(false)

    var isClosed: Bool { state.withLock { $0 } }

    /// True the first time.
    func close() -> Bool {
        state.withLock { closed in
            defer { closed = true }
            return !closed
        }
    }
}
