import Foundation
import SQLKit

/// Reads runs back: summaries with filters, then their detail in batches (one query per table per 500 runs).
struct RunReader {
    let database: any SQLDatabase
    let flavor: SQLFlavor

    static let batch = 500

    func summaries(_ filter: RunFilter, ids: [UUID]? = nil) async throws -> [RunSummary] {
        var conditions: [SQLQueryString] = []
        if let ids {
            conditions.append("r.id IN (\(ids.map { SQLQueryString("\(flavor.uuid($0))") }.joined(separator: ", ")))")
        }
        if let since = filter.since { conditions.append("r.started_at >= \(flavor.timestamp(since))") }
        if let until = filter.until { conditions.append("r.started_at < \(flavor.timestamp(until))") }
        if let suite = filter.suite {
            conditions.append("EXISTS (SELECT 1 FROM smokegate_run_suites s WHERE s.run_id = r.id AND s.suite = \(bind: suite))")
        }
        if let environment = filter.environment {
            conditions.append("""
                EXISTS (SELECT 1 FROM smokegate_run_environments e WHERE e.run_id = r.id AND e.environment = \(bind: environment))
                """)
        }
        for (key, value) in filter.labels.sorted(by: { $0.key < $1.key }) {
            conditions.append("""
                EXISTS (SELECT 1 FROM smokegate_run_labels l WHERE l.run_id = r.id AND l.key = \(bind: key) AND l.value = \(bind: value))
                """)
        }
        if !filter.kinds.isEmpty {
            let kinds = filter.kinds.map(\.rawValue).sorted().map { SQLQueryString("\(bind: $0)") }
            conditions.append("r.kind IN (\(kinds.joined(separator: ", ")))")
        }
        let whereClause: SQLQueryString = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        var limit: SQLQueryString = ""
        if let count = filter.limit {
            limit = " LIMIT \(literal: max(0, count))"
        }
        let rows = try await database.raw("""
            SELECT r.id, r.kind, r.started_at, r.finished_at, r.decision, r.exit_code,
              (SELECT count(*) FROM smokegate_results x WHERE x.run_id = r.id) AS check_results,
              (SELECT coalesce(sum(x.samples), 0) FROM smokegate_results x WHERE x.run_id = r.id) AS samples,
              (SELECT coalesce(sum(x.failed), 0) FROM smokegate_results x WHERE x.run_id = r.id) AS failed
            FROM smokegate_runs r\(whereClause)
            ORDER BY r.started_at DESC, r.id\(limit)
            """).all()
        var summaries = try rows.map { row in
            let kindText = try row.decode(column: "kind", as: String.self)
            guard let kind = RunKind(rawValue: kindText) else {
                throw HistoryError(reason: .invalidData, message: "smokegate_runs.kind holds \"\(kindText)\"")
            }
            return RunSummary(
                id: try flavor.uuid(row, "id"),
                kind: kind,
                suites: [],
                startedAt: try flavor.date(row, "started_at"),
                finishedAt: try flavor.date(row, "finished_at"),
                decision: try row.decode(column: "decision", as: String.self),
                exitCode: try row.decode(column: "exit_code", as: Int.self),
                environments: [],
                labels: [:],
                checkResults: try row.decode(column: "check_results", as: Int.self),
                samples: try row.decode(column: "samples", as: Int.self),
                failed: try row.decode(column: "failed", as: Int.self)
            )
        }
        var suites: [UUID: [String]] = [:]
        var environments: [UUID: [String]] = [:]
        var labels: [UUID: [String: String]] = [:]
        try await forEachRow(of: summaries.map(\.id), "SELECT run_id, suite FROM smokegate_run_suites", order: "position") {
            suites[$0, default: []].append(try $1.decode(column: "suite", as: String.self))
        }
        try await forEachRow(of: summaries.map(\.id), "SELECT run_id, environment FROM smokegate_run_environments", order: "position") {
            environments[$0, default: []].append(try $1.decode(column: "environment", as: String.self))
        }
        try await forEachRow(of: summaries.map(\.id), "SELECT run_id, key, value FROM smokegate_run_labels", order: "key") {
            labels[$0, default: [:]][try $1.decode(column: "key", as: String.self)] = try $1.decode(column: "value", as: String.self)
        }
        for index in summaries.indices {
            let id = summaries[index].id
            summaries[index].suites = suites[id] ?? []
            summaries[index].environments = environments[id] ?? []
            summaries[index].labels = labels[id] ?? [:]
        }
        return summaries
    }

    func records(for summaries: [RunSummary]) async throws -> [RunRecord] {
        let ids = summaries.map(\.id)
        var results: [UUID: [CheckResultRecord]] = [:]
        var comparisons: [UUID: [ComparisonRecord]] = [:]
        var windows: [UUID: [DowntimeWindowRecord]] = [:]
        var cutovers: [UUID: [CutoverRecord]] = [:]
        var deployments: [UUID: DeploymentRecord] = [:]
        var rollbacks: [UUID: RollbackRecord] = [:]
        try await forEachRow(of: ids, "SELECT * FROM smokegate_results", order: "position") {
            results[$0, default: []].append(try DetailDecoder.result($1, flavor: flavor))
        }
        try await forEachRow(of: ids, "SELECT * FROM smokegate_comparisons", order: "position") {
            comparisons[$0, default: []].append(try DetailDecoder.comparison($1, flavor: flavor))
        }
        try await forEachRow(of: ids, "SELECT * FROM smokegate_windows", order: "started_at, id") {
            windows[$0, default: []].append(try DetailDecoder.window($1, flavor: flavor))
        }
        try await forEachRow(of: ids, "SELECT * FROM smokegate_cutovers", order: "started_at, id") {
            cutovers[$0, default: []].append(try DetailDecoder.cutover($1, flavor: flavor))
        }
        try await forEachRow(of: ids, "SELECT l.run_id, \(DetailDecoder.deploymentColumns) FROM smokegate_deployment_runs l JOIN deployment_logs d ON d.id = l.deployment_id", order: "l.run_id", column: "l.run_id") {
            deployments[$0] = try DetailDecoder.deployment($1, flavor: flavor)
        }
        try await forEachRow(of: ids, "SELECT l.run_id, \(DetailDecoder.rollbackColumns) FROM smokegate_rollback_runs l JOIN rollback_logs b ON b.id = l.rollback_id", order: "l.run_id", column: "l.run_id") {
            rollbacks[$0] = try DetailDecoder.rollback($1, flavor: flavor)
        }
        return summaries.map { summary in
            RunRecord(
                id: summary.id, kind: summary.kind, suites: summary.suites, startedAt: summary.startedAt,
                finishedAt: summary.finishedAt, decision: summary.decision, exitCode: summary.exitCode,
                environments: summary.environments, labels: summary.labels,
                results: results[summary.id] ?? [], comparisons: comparisons[summary.id] ?? [],
                windows: windows[summary.id] ?? [], cutovers: cutovers[summary.id] ?? [],
                deployment: deployments[summary.id], rollback: rollbacks[summary.id]
            )
        }
    }

    /// Runs `select` restricted to `ids` (in batches), calling `body` with each row's run id and the row.
    private func forEachRow(
        of ids: [UUID],
        _ select: String,
        order: String,
        column: String = "run_id",
        _ body: (UUID, any SQLRow) throws -> Void
    ) async throws {
        for start in stride(from: 0, to: ids.count, by: Self.batch) {
            let batch = ids[start..<min(ids.count, start + Self.batch)].map { SQLQueryString("\(flavor.uuid($0))") }
            let rows = try await database.raw("""
                \(unsafeRaw: select) WHERE \(unsafeRaw: column) IN (\(batch.joined(separator: ", "))) ORDER BY \(unsafeRaw: column), \(unsafeRaw: order)
                """).all()
            for row in rows {
                try body(try flavor.uuid(row, "run_id"), row)
            }
        }
    }
}
