import Foundation
@testable import SmokegateHistory
import SmokegateHistoryFixtures
import Testing

@Suite struct HistorySchemaTests {
    @Test(arguments: TestDatabase.Kind.allCases)
    func aFreshDatabaseIsMigratedToTheBinarysVersion(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let store = try await database.open()
            #expect(try await store.storedSchemaVersion() == HistoryStore.schemaVersion)
            #expect(HistoryStore.schemaVersion == 1)
            for table in HistoryStore.tables {
                #expect(try await store.count(table) >= 0, "\(table)")
            }
            await store.close()
            // Reopening finds it current and changes nothing.
            let again = try await database.open()
            #expect(try await again.count("smokegate_schema_migrations") == 1)
            await again.close()
        }
    }

    @Test func sqliteRunsInWALModeWithABusyTimeoutAndForeignKeys() async throws {
        try await withTestDatabase(.sqlite) { database in
            let store = try await database.open(options: HistoryStoreOptions(busyTimeout: .milliseconds(2500)))
            #expect(try await store.values("PRAGMA journal_mode", as: String.self) == ["wal"])
            #expect(try await store.values("PRAGMA busy_timeout", as: Int.self) == [2500])
            #expect(try await store.values("PRAGMA foreign_keys", as: Int.self) == [1])
            #expect(try await store.values("PRAGMA synchronous", as: Int.self) == [2])  // FULL
            await store.close()
        }
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func aDatabaseFromANewerSmokegateIsRefusedAndLeftAlone(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let store = try await database.open()
            let run = SyntheticHistory.run(id: UUID())
            try await store.record(run)
            try await store.execute("INSERT INTO smokegate_schema_migrations (version, name, applied_at) SELECT 7, 'from the future', applied_at FROM smokegate_schema_migrations")
            await store.close()
            do {
                let refused = try await database.open()
                await refused.close()
                Issue.record("opened a database of schema version 7")
            } catch let error as HistoryError {
                #expect(error.reason == .schemaTooNew)
                #expect(!error.isRetryable)
                #expect(error.message.contains("schema version 7, newer than this smokegate's 1"), "\(error.message)")
            }
            let inspector = try await HistoryStore.openWithoutMigrating(database.location)
            #expect(try await inspector.count("smokegate_runs") == 1)
            #expect(try await inspector.count("smokegate_schema_migrations") == 2)
            await inspector.close()
        }
    }

    /// A second migration, as a later smokegate would add it.
    private static let addIncidentNotes = HistoryMigration(
        version: 2, name: "incident notes",
        sqlite: ["ALTER TABLE smokegate_incidents ADD COLUMN note TEXT", "CREATE INDEX smokegate_incidents_target ON smokegate_incidents (target)"],
        postgres: ["ALTER TABLE smokegate_incidents ADD COLUMN note TEXT", "CREATE INDEX smokegate_incidents_target ON smokegate_incidents (target)"]
    )

    @Test(arguments: TestDatabase.Kind.allCases)
    func anOlderDatabaseIsMigratedForwardKeepingItsData(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let location = try HistoryLocation(parsing: database.location)
            let old = try await HistoryStore.open(location, options: TestDatabase.options, migrations: [.initialSchema])
            let run = SyntheticHistory.run(id: UUID())
            try await old.record(run)
            await old.close()

            let newer = try await HistoryStore.open(location, options: TestDatabase.options, migrations: [.initialSchema, Self.addIncidentNotes])
            #expect(try await newer.storedSchemaVersion() == 2)
            #expect(try await newer.values("SELECT name FROM smokegate_schema_migrations ORDER BY version", as: String.self) == ["initial schema", "incident notes"])
            #expect(try await newer.count("smokegate_incidents", where: "note IS NULL") == 0)
            #expect(try await newer.run(id: run.id).map(SyntheticHistory.normalized) == SyntheticHistory.normalized(run))
            await newer.close()

            // And the older binary now refuses it.
            await #expect(throws: HistoryError.self) {
                try await HistoryStore.open(location, options: TestDatabase.options, migrations: [.initialSchema])
            }
        }
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func aFailedMigrationLeavesThePreviousVersionWhole(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let location = try HistoryLocation(parsing: database.location)
            let old = try await HistoryStore.open(location, options: TestDatabase.options, migrations: [.initialSchema])
            await old.close()
            let broken = HistoryMigration(
                version: 2, name: "broken",
                sqlite: ["CREATE TABLE smokegate_half_done (x INTEGER)", "ALTER TABLE no_such_table ADD COLUMN y TEXT"],
                postgres: ["CREATE TABLE smokegate_half_done (x INTEGER)", "ALTER TABLE no_such_table ADD COLUMN y TEXT"]
            )
            do {
                let store = try await HistoryStore.open(location, options: TestDatabase.options, migrations: [.initialSchema, broken])
                await store.close()
                Issue.record("a broken migration succeeded")
            } catch let error as HistoryError {
                #expect(error.reason == .migrationFailed)
                #expect(error.message.contains("migration 2 (broken) failed"), "\(error.message)")
                #expect(error.message.contains("stays at version 1"), "\(error.message)")
            }
            let inspector = try await HistoryStore.open(location, options: TestDatabase.options, migrations: [.initialSchema])
            #expect(try await inspector.storedSchemaVersion() == 1)
            // The first statement of the failed migration was rolled back with it.
            await #expect(throws: HistoryError.self) { try await inspector.count("smokegate_half_done") }
            await inspector.close()
        }
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func manyProcessesOpeningAFreshDatabaseAtOnceMigrateItOnce(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let outcomes = try await withThrowingTaskGroup(of: (status: Int32, output: String).self) { group in
                for _ in 0..<4 {
                    group.addTask { try await HistoryTool.run(["write-runs", database.location, "1"]) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for outcome in outcomes {
                #expect(outcome.status == 0)
                #expect(outcome.output == "wrote 1\n")
            }
            let store = try await database.open()
            #expect(try await store.count("smokegate_schema_migrations") == 1)
            #expect(try await store.count("smokegate_runs") == 4)
            await store.close()
        }
    }

    @Test func anExistingRunbookDatabaseKeepsItsTablesAndRows() async throws {
        try await withTestDatabase(.postgres) { database in
            // The runbook created its tables (verbatim) and logged a deployment before smokegate came along.
            let setup = try await HistoryStore.openWithoutMigrating(database.location)
            for statement in HistoryMigration.initialSchema.postgres.prefix(2) {
                try await setup.execute(statement.replacingOccurrences(of: "IF NOT EXISTS ", with: ""))
            }
            try await setup.execute("""
                INSERT INTO deployment_logs (deployment_version, deployment_status, started_at)
                VALUES ('v41', 'success', now() - interval '3 days')
                """)
            await setup.close()

            let store = try await database.open()
            #expect(try await store.count("deployment_logs") == 1)
            let report = try await store.deploymentReport(since: Date().addingTimeInterval(-7 * 86_400))
            #expect(report.deployments.map(\.record.version) == ["v41"])
            await store.close()
        }
    }
}
