import Foundation
import SQLKit

/// Brings a database to the binary's schema version, or refuses one that is newer.
///
/// All pending migrations run in one transaction with the rows that record them, so a database is at one
/// version or the previous one, never between. Concurrent openers take turns: SQLite's write lock
/// (`BEGIN IMMEDIATE`), PostgreSQL's transaction-scoped advisory lock. A database already at the binary's version
/// is only read.
struct HistoryMigrator {
    let backend: any HistoryBackend
    let migrations: [HistoryMigration]


    var binaryVersion: Int { migrations.last?.version ?? 0 }

    func migrate() async throws {
        // A database at this version needs no lock. A missing table (a fresh database) falls through to the
        // migration; a database that cannot be reached fails here, once, rather than again below.
        do {
            if let current = try await backend.read({ try await Self.storedVersion($0) }) {
                try check(current)
                if current == binaryVersion { return }
            }
        } catch {
            let failure = backend.historyError(error, doing: "read the schema version")
            if failure.isRetryable || failure.reason == .schemaTooNew || failure.reason == .corrupt { throw failure }
        }
        let flavor = backend.flavor
        let migrations = self.migrations
        let binaryVersion = self.binaryVersion
        let location = backend.locationDescription
        try await backend.transaction { database in
            if flavor == .postgres {
                // One lock per schema: openers of the same history take turns, other histories do not wait.
                try await database.raw("SELECT pg_advisory_xact_lock(hashtext('smokegate schema migration ' || current_schema()))").run()
            }
            let time = flavor == .postgres ? "TIMESTAMPTZ" : "TEXT"
            try await database.raw("""
                CREATE TABLE IF NOT EXISTS smokegate_schema_migrations (
                  version INTEGER PRIMARY KEY NOT NULL,
                  name TEXT NOT NULL,
                  applied_at \(unsafeRaw: time) NOT NULL
                )
                """).run()
            let current = try await Self.storedVersion(database) ?? 0
            if current > binaryVersion {
                throw Self.tooNew(current, binaryVersion, location)
            }
            for migration in migrations where migration.version > current {
                for statement in migration.statements(for: flavor) {
                    do {
                        try await database.raw(SQLQueryString(statement)).run()
                    } catch {
                        throw HistoryError(
                            reason: .migrationFailed,
                            message: "migration \(migration.version) (\(migration.name)) failed at \(location), which stays at version \(current): \(String(describing: error))"
                        )
                    }
                }
                try await database.raw("""
                    INSERT INTO smokegate_schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(flavor.timestamp(Date())))
                    """).run()
            }
        }
    }

    private func check(_ stored: Int) throws {
        if stored > binaryVersion {
            throw Self.tooNew(stored, binaryVersion, backend.locationDescription)
        }
    }

    private static func tooNew(_ stored: Int, _ binary: Int, _ location: String) -> HistoryError {
        HistoryError(
            reason: .schemaTooNew,
            message: "the history database at \(location) has schema version \(stored), newer than this smokegate's \(binary): upgrade smokegate to use it (the database was left untouched)"
        )
    }

    static func storedVersion(_ database: any SQLDatabase) async throws -> Int? {
        try await database.raw("SELECT max(version) AS version FROM smokegate_schema_migrations")
            .first()?.decode(column: "version", as: Int?.self)
    }
}
