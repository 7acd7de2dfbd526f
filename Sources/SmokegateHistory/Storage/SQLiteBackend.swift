import Foundation
import SQLiteKit

/// An SQLite file: one connection per store, WAL mode, a busy timeout, foreign keys on.
///
/// Transactions in this process take turns on the connection (``AsyncLock``); other processes take turns through
/// SQLite's own lock, waiting up to the busy timeout. Every write transaction is `BEGIN IMMEDIATE`.
final class SQLiteBackend: HistoryBackend {
    let flavor = SQLFlavor.sqlite
    let locationDescription: String
    private let connection: SQLiteConnection
    private let database: any SQLDatabase
    private let lock = AsyncLock()

    private init(path: String, connection: SQLiteConnection) {
        self.locationDescription = path
        self.connection = connection
        self.database = connection.sql(queryLogLevel: nil)
    }

    static func open(path: String, busyTimeout: Duration, synchronousFull: Bool) async throws -> SQLiteBackend {
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path))
        } catch {
            throw Self.classify(error, location: path, doing: "open the history database")
        }
        let backend = SQLiteBackend(path: path, connection: connection)
        do {
            // First: sqlite-nio installs a busy handler that retries at once, forever; busy_timeout replaces it
            // with SQLite's sleeping one, which gives up after the timeout.
            let milliseconds = busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000
            try await backend.database.raw("PRAGMA busy_timeout = \(unsafeRaw: String(max(0, milliseconds)))").run()
            let mode = try await backend.database.raw("PRAGMA journal_mode = WAL").first()?.decode(column: "journal_mode", as: String.self)
            guard mode?.lowercased() == "wal" else {
                throw HistoryError(
                    reason: .internal,
                    message: "\(path): SQLite could not switch to WAL mode (journal mode \(mode ?? "unknown")); is it on a network file system?"
                )
            }
            try await backend.database.raw("PRAGMA foreign_keys = ON").run()
            // FULL: a commit survives a power cut, not only a crash of the process (NORMAL already survives that).
            try await backend.database.raw("PRAGMA synchronous = \(unsafeRaw: synchronousFull ? "FULL" : "NORMAL")").run()
        } catch {
            try? await connection.close()
            throw backend.historyError(error, doing: "open the history database")
        }
        return backend
    }

    deinit {
        // A store dropped without close(): close the connection anyway (sqlite-nio insists, and the file's locks
        // should go). The task keeps the connection alive until it is closed.
        let connection = self.connection
        if !connection.isClosed {
            Task { try? await connection.close() }
        }
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let database = self.database
        return try await lock.withLock {
            try await Self.runTransaction(on: database, begin: "BEGIN IMMEDIATE", body)
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let database = self.database
        return try await lock.withLock {
            try await Self.runTransaction(on: database, begin: "BEGIN DEFERRED", body)
        }
    }

    func unmanaged<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let database = self.database
        return try await lock.withLock { try await body(database) }
    }

    func historyError(_ error: any Error, doing action: String) -> HistoryError {
        Self.classify(error, location: locationDescription, doing: action)
    }

    func close() async {
        try? await lock.withLock { [connection] in try await connection.close() }
    }

    static func classify(_ error: any Error, location: String, doing action: String) -> HistoryError {
        if let error = error as? HistoryError { return error }
        guard let sqliteError = error as? SQLiteError else {
            return HistoryError(reason: .internal, message: "could not \(action) at \(location): \(error)")
        }
        let reason: HistoryError.Reason = switch sqliteError.reason {
        case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked, .lockedBySharedCache, .lockedVirtualTable:
            .busy
        case .full:
            .full
        case .readOnly, .readonlyCantLock, .readonlyDirectory, .readonlyInRecovery, .readonlyInRollback,
             .readonlyBackingMoved, .permission, .auth:
            .readOnly
        case .cantOpen, .cantOpenDirectory, .cantOpenInvalidPath, .cantOpenUnfollowedSymlink,
             .ioError, .ioErrorFailedRead, .ioErrorIncompleteRead, .ioErrorFailedWrite, .ioErrorFailedSync,
             .ioErrorFailedDirSync, .ioErrorFailedTruncate, .ioErrorFailedStat, .ioErrorFailedAccess,
             .ioErrorFailedSharedMemOpen, .ioErrorFailedSharedMemSize, .ioErrorFailedSharedMemMap:
            // The file or its directory could not be opened, read or written: a missing mount, a dying disk.
            .unreachable
        case .corrupt, .corruptIndex, .corruptVirtualTable, .corruptSequenceSchema, .notADatabase,
             .ioErrorBadDataChecksum, .ioErrorCorruptedFilesystem:
            .corrupt
        case .constraint, .constraintCheckFailed, .constraintForeignKeyFailed, .constraintNotNullFailed,
             .constraintPrimaryKeyFailed, .constraintUniqueFailed, .constraintTriggerFailed:
            .rejected
        default:
            .internal
        }
        return HistoryError(reason: reason, message: "could not \(action) at \(location): \(sqliteError.message)")
    }
}
