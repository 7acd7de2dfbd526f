import Foundation
import SQLKit

/// The rows under one run, written inside the run's transaction.
struct RunRowsWriter {
    let database: any SQLDatabase
    let flavor: SQLFlavor
    let run: RunRecord

    func writeDetail() async throws {
        let id = flavor.uuid(run.id)
        try await SQLRowInserter.insert(
            into: "smokegate_run_suites", columns: ["run_id", "position", "suite"],
            rows: run.suites.enumerated().map { [id, SQLBind($0.offset), SQLBind($0.element)] },
            on: database
        )
        try await SQLRowInserter.insert(
            into: "smokegate_run_environments", columns: ["run_id", "position", "environment"],
            rows: run.environments.enumerated().map { [id, SQLBind($0.offset), SQLBind($0.element)] },
            on: database
        )
        try await SQLRowInserter.insert(
            into: "smokegate_run_labels", columns: ["run_id", "key", "value"],
            rows: run.labels.sorted { $0.key < $1.key }.map { [id, SQLBind($0.key), SQLBind($0.value)] },
            on: database
        )
        try await SQLRowInserter.insert(
            into: "smokegate_results",
            columns: [
                "run_id", "position", "suite", "check_name", "environment", "samples", "failed", "failures_by_reason",
                "p50_ms", "p95_ms", "p99_ms", "latency_histogram", "observed_seconds", "downtime_seconds",
            ],
            rows: run.results.enumerated().map { position, result in
                [
                    id, SQLBind(position), SQLBind(result.suite), SQLBind(result.check), SQLBind(result.environment),
                    SQLBind(result.samples), SQLBind(result.failed), flavor.json(result.failuresByReason),
                    SQLBind(result.p50Ms), SQLBind(result.p95Ms), SQLBind(result.p99Ms),
                    SQLBind(result.latency.encoded()), SQLBind(result.observedSeconds), SQLBind(result.downtimeSeconds),
                ]
            },
            on: database
        )
        try await SQLRowInserter.insert(
            into: "smokegate_comparisons",
            columns: ["run_id", "position", "check_name", "baseline_environment", "candidate_environment", "decision", "reasons", "p_value"],
            rows: run.comparisons.enumerated().map { position, comparison in
                [
                    id, SQLBind(position), SQLBind(comparison.check), SQLBind(comparison.baselineEnvironment),
                    SQLBind(comparison.candidateEnvironment), SQLBind(comparison.decision), flavor.json(comparison.reasons),
                    SQLBind(comparison.pValue),
                ]
            },
            on: database
        )
        try await Self.upsert(run.windows, runID: run.id, on: database, flavor: flavor)
        try await Self.upsert(run.cutovers, runID: run.id, on: database, flavor: flavor)
        if let deployment = run.deployment {
            try await Self.upsert(deployment, on: database, flavor: flavor)
            try await database.raw("""
                INSERT INTO smokegate_deployment_runs (deployment_id, run_id) VALUES (\(flavor.uuid(deployment.id)), \(id))
                ON CONFLICT DO NOTHING
                """).run()
        }
        if let rollback = run.rollback {
            try await Self.upsert(rollback, on: database, flavor: flavor)
            try await database.raw("""
                INSERT INTO smokegate_rollback_runs (rollback_id, run_id) VALUES (\(flavor.uuid(rollback.id)), \(id))
                ON CONFLICT DO NOTHING
                """).run()
        }
    }

    static func upsert(_ windows: [DowntimeWindowRecord], runID: UUID?, on database: any SQLDatabase, flavor: SQLFlavor) async throws {
        let run = runID.map { flavor.uuid($0) } ?? SQLLiteral.null
        try await SQLRowInserter.insert(
            into: "smokegate_windows",
            columns: ["id", "run_id", "target", "started_at", "ended_at", "duration_seconds", "failed_probes", "reasons"],
            rows: windows.map { window in
                [
                    flavor.uuid(window.id), run, SQLBind(window.target), flavor.timestamp(window.startedAt),
                    flavor.timestamp(window.endedAt), SQLBind(window.durationSeconds), SQLBind(window.failedProbes),
                    flavor.json(window.reasons),
                ]
            },
            suffix: """
                ON CONFLICT (id) DO UPDATE SET ended_at = excluded.ended_at, duration_seconds = excluded.duration_seconds,
                  failed_probes = excluded.failed_probes, reasons = excluded.reasons
                """,
            on: database
        )
    }

    static func upsert(_ cutovers: [CutoverRecord], runID: UUID?, on database: any SQLDatabase, flavor: SQLFlavor) async throws {
        let run = runID.map { flavor.uuid($0) } ?? SQLLiteral.null
        try await SQLRowInserter.insert(
            into: "smokegate_cutovers",
            columns: ["id", "run_id", "target", "from_version", "to_version", "started_at", "completed_at", "mixed_seconds", "flaps", "rolled_back"],
            rows: cutovers.map { cutover in
                [
                    flavor.uuid(cutover.id), run, SQLBind(cutover.target), SQLBind(cutover.fromVersion),
                    SQLBind(cutover.toVersion), flavor.timestamp(cutover.startedAt), flavor.timestamp(cutover.completedAt),
                    SQLBind(cutover.mixedSeconds), SQLBind(cutover.flaps), flavor.bool(cutover.rolledBack),
                ]
            },
            suffix: """
                ON CONFLICT (id) DO UPDATE SET completed_at = excluded.completed_at, mixed_seconds = excluded.mixed_seconds,
                  flaps = excluded.flaps, rolled_back = excluded.rolled_back
                """,
            on: database
        )
    }

    static func upsert(_ deployment: DeploymentRecord, on database: any SQLDatabase, flavor: SQLFlavor) async throws {
        try await database.raw("""
            INSERT INTO deployment_logs (id, deployment_version, deployment_status, started_at, completed_at,
              rollback_reason, downtime_minutes, downtime_detected_at)
            VALUES (\(flavor.uuid(deployment.id)), \(bind: deployment.version), \(bind: deployment.status.rawValue),
              \(flavor.timestamp(deployment.startedAt)), \(flavor.timestamp(deployment.completedAt)),
              \(bind: deployment.rollbackReason), \(flavor.minutes(deployment.downtimeMinutes)),
              \(flavor.timestamp(deployment.downtimeDetectedAt)))
            ON CONFLICT (id) DO UPDATE SET deployment_status = excluded.deployment_status,
              completed_at = excluded.completed_at, rollback_reason = excluded.rollback_reason,
              downtime_minutes = excluded.downtime_minutes, downtime_detected_at = excluded.downtime_detected_at
            """).run()
    }

    static func upsert(_ rollback: RollbackRecord, on database: any SQLDatabase, flavor: SQLFlavor) async throws {
        try await database.raw("""
            INSERT INTO rollback_logs (id, deployment_id, rollback_trigger, rollback_type, triggered_at, completed_at,
              rollback_duration_minutes, rollback_success, rollback_reason)
            VALUES (\(flavor.uuid(rollback.id)), \(flavor.uuid(rollback.deploymentID)), \(bind: rollback.trigger),
              \(bind: rollback.type.rawValue), \(flavor.timestamp(rollback.triggeredAt)), \(flavor.timestamp(rollback.completedAt)),
              \(flavor.minutes(rollback.durationMinutes)), \(flavor.bool(rollback.success)), \(bind: rollback.reason))
            ON CONFLICT (id) DO UPDATE SET completed_at = excluded.completed_at,
              rollback_duration_minutes = excluded.rollback_duration_minutes,
              rollback_success = excluded.rollback_success, rollback_reason = excluded.rollback_reason
            """).run()
    }
}
