import Foundation
import SQLKit

extension HistoryStore {
    /// Writes a run with all its detail, deployment and rollback in one transaction: all its rows or none.
    ///
    /// Returns false, changing nothing, when a run with this id is already recorded, so a write whose outcome was
    /// unknown (the connection broke during COMMIT) can be retried without duplicating it.
    @discardableResult
    public func record(_ run: RunRecord) async throws -> Bool {
        try RecordValidation.check(run)
        return try await writing("record run \(run.id)") { database, flavor in
            let inserted = try await database.raw("""
                INSERT INTO smokegate_runs (id, kind, started_at, finished_at, decision, exit_code)
                VALUES (\(flavor.uuid(run.id)), \(bind: run.kind.rawValue), \(flavor.timestamp(run.startedAt)),
                        \(flavor.timestamp(run.finishedAt)), \(bind: run.decision), \(bind: run.exitCode))
                ON CONFLICT (id) DO NOTHING
                RETURNING id
                """).all()
            guard !inserted.isEmpty else { return false }
            try await RunRowsWriter(database: database, flavor: flavor, run: run).writeDetail()
            return true
        }
    }

    /// Writes (or updates, by id) a `deployment_logs` row on its own.
    ///
    /// A later record of the same deployment replaces its status, completion, rollback reason and downtime;
    /// the version and start stay as first written.
    public func record(deployment: DeploymentRecord) async throws {
        try RecordValidation.check(deployment)
        try await writing("record deployment \(deployment.id)") { database, flavor in
            try await RunRowsWriter.upsert(deployment, on: database, flavor: flavor)
        }
    }

    /// Writes (or updates, by id) a `rollback_logs` row on its own; its deployment must be recorded already.
    public func record(rollback: RollbackRecord) async throws {
        try RecordValidation.check(rollback)
        try await writing("record rollback \(rollback.id)") { database, flavor in
            try await RunRowsWriter.upsert(rollback, on: database, flavor: flavor)
        }
    }

    /// Writes downtime windows seen by `serve` outside any run; a window written again (by id) is updated, so an
    /// open window can be written when it opens and again when it closes.
    public func record(windows: [DowntimeWindowRecord]) async throws {
        try windows.forEach(RecordValidation.check)
        guard !windows.isEmpty else { return }
        try await writing("record \(windows.count) downtime windows") { database, flavor in
            try await RunRowsWriter.upsert(windows, runID: nil, on: database, flavor: flavor)
        }
    }

    /// Writes cutovers seen by `serve` outside any run; written again (by id), a cutover is updated.
    public func record(cutovers: [CutoverRecord]) async throws {
        guard !cutovers.isEmpty else { return }
        try await writing("record \(cutovers.count) cutovers") { database, flavor in
            try await RunRowsWriter.upsert(cutovers, runID: nil, on: database, flavor: flavor)
        }
    }

    /// How a rollup for an hour that already has one is written.
    public enum RollupWriteMode: Sendable, Hashable {
        /// The new figures replace the stored ones: for a writer that sends the hour's running totals
        /// (idempotent, so safe to retry).
        case replace
        /// The new figures add to the stored ones and histograms merge: for a writer that sends increments,
        /// e.g. a `serve` restarted in the middle of an hour. Not idempotent: a retried write counts twice.
        case accumulate
    }

    /// Writes hourly rollups in one transaction.
    public func record(rollups: [HourlyRollupRecord], mode: RollupWriteMode = .replace) async throws {
        try rollups.forEach(RecordValidation.check)
        guard !rollups.isEmpty else { return }
        try await writing("record \(rollups.count) hourly rollups") { database, flavor in
            try await RollupWriter(database: database, flavor: flavor).write(rollups, mode: mode)
        }
    }
}
