import Foundation
import SQLKit

extension HistoryStore {
    /// smokegate's tables and the runbook's, whose sizes ``databaseSize(compacting:)`` adds up in PostgreSQL.
    static let tables = [
        "deployment_logs", "rollback_logs", "smokegate_schema_migrations", "smokegate_runs", "smokegate_run_suites",
        "smokegate_run_environments", "smokegate_run_labels", "smokegate_results", "smokegate_comparisons",
        "smokegate_windows", "smokegate_cutovers", "smokegate_rollups", "smokegate_incidents",
        "smokegate_deployment_runs", "smokegate_rollback_runs",
    ]

    /// The space the history takes, in bytes.
    ///
    /// SQLite: the database file (pages × page size), after `VACUUM` and a WAL checkpoint when `compacting`.
    /// PostgreSQL: the sum of `pg_total_relation_size` (table, indexes, TOAST) over the history's tables, after
    /// `VACUUM` when `compacting`.
    public func databaseSize(compacting: Bool = false) async throws -> Int64 {
        try await unmanaged("measure the database size") { database, flavor in
            switch flavor {
            case .sqlite:
                if compacting {
                    try await database.raw("VACUUM").run()
                    try await database.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
                }
                let pages = try await database.raw("PRAGMA page_count").first()?.decode(column: "page_count", as: Int64.self) ?? 0
                let size = try await database.raw("PRAGMA page_size").first()?.decode(column: "page_size", as: Int64.self) ?? 0
                return pages * size
            case .postgres:
                if compacting {
                    for table in Self.tables {
                        try await database.raw("VACUUM \(ident: table)").run()
                    }
                }
                let names = Self.tables.map { SQLQueryString("\(bind: $0)") }.joined(separator: ", ")
                return try await database.raw("""
                    SELECT CAST(coalesce(sum(pg_total_relation_size(c.oid)), 0) AS BIGINT) AS bytes
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname IN (\(names))
                    """).first()?.decode(column: "bytes", as: Int64.self) ?? 0
            }
        }
    }

    /// Runs SQLite's `PRAGMA integrity_check` and `foreign_key_check`; the problems found, empty when sound.
    /// PostgreSQL checks its own consistency and returns nothing here.
    public func integrityProblems() async throws -> [String] {
        try await unmanaged("check the database's integrity") { database, flavor in
            guard flavor == .sqlite else { return [] }
            var problems = try await database.raw("PRAGMA integrity_check").all()
                .map { try $0.decode(column: "integrity_check", as: String.self) }
                .filter { $0 != "ok" }
            let orphans = try await database.raw("PRAGMA foreign_key_check").all()
            problems += try orphans.map { "foreign key violation in \(try $0.decode(column: "table", as: String.self))" }
            return problems
        }
    }
}
