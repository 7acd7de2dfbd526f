import Foundation
import SQLKit

extension HistoryStore {
    /// Deletes what `policy` no longer keeps, as of `now`, in one transaction.
    @discardableResult
    public func applyRetention(_ policy: RetentionPolicy, now: Date = Date()) async throws -> RetentionReport {
        let detailCutoff = now.addingTimeInterval(-Self.seconds(policy.detail))
        let summaryCutoff = now.addingTimeInterval(-Self.seconds(policy.summaries))
        return try await writing("apply retention") { database, flavor in
            let oldDetail: SQLQueryString = "run_id IN (SELECT id FROM smokegate_runs WHERE finished_at < \(flavor.timestamp(detailCutoff)))"
            var report = RetentionReport()
            report.results = try await Self.delete(from: "smokegate_results", where: oldDetail, on: database)
            report.comparisons = try await Self.delete(from: "smokegate_comparisons", where: oldDetail, on: database)
            report.windows = try await Self.delete(
                from: "smokegate_windows", where: "coalesce(ended_at, started_at) < \(flavor.timestamp(detailCutoff))", on: database)
            report.cutovers = try await Self.delete(
                from: "smokegate_cutovers", where: "coalesce(completed_at, started_at) < \(flavor.timestamp(detailCutoff))", on: database)
            report.incidents = try await Self.delete(
                from: "smokegate_incidents", where: "state = 'resolved' AND resolved_at < \(flavor.timestamp(detailCutoff))", on: database)
            report.runs = try await Self.delete(
                from: "smokegate_runs", where: "finished_at < \(flavor.timestamp(summaryCutoff))", on: database)
            report.rollups = try await Self.delete(
                from: "smokegate_rollups", where: "hour_start < \(flavor.timestamp(summaryCutoff))", on: database)
            return report
        }
    }

    /// Counts, then deletes. Exact in SQLite, whose write lock is held; in PostgreSQL only a row committed between
    /// the two statements and already older than the cutoff could be missed by the count, and writers add new rows.
    private static func delete(from table: String, where condition: SQLQueryString, on database: any SQLDatabase) async throws -> Int {
        let count = try await database.raw("SELECT count(*) AS n FROM \(ident: table) WHERE \(condition)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        if count > 0 {
            try await database.raw("DELETE FROM \(ident: table) WHERE \(condition)").run()
        }
        return count
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
