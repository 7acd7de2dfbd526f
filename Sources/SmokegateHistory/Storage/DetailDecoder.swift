import Foundation
import SQLKit

/// Rows back into records.
enum DetailDecoder {
    static let deploymentColumns = """
        d.id, d.deployment_version, d.deployment_status, d.started_at, d.completed_at, d.rollback_reason,
        CAST(d.downtime_minutes AS DOUBLE PRECISION) AS downtime_minutes, d.downtime_detected_at
        """

    static let rollbackColumns = """
        b.id, b.deployment_id, b.rollback_trigger, b.rollback_type, b.triggered_at, b.completed_at,
        CAST(b.rollback_duration_minutes AS DOUBLE PRECISION) AS rollback_duration_minutes, b.rollback_success, b.rollback_reason
        """

    static func result(_ row: any SQLRow, flavor: SQLFlavor) throws -> CheckResultRecord {
        CheckResultRecord(
            suite: try row.decode(column: "suite", as: String?.self),
            check: try row.decode(column: "check_name", as: String.self),
            environment: try row.decode(column: "environment", as: String.self),
            samples: try row.decode(column: "samples", as: Int.self),
            failed: try row.decode(column: "failed", as: Int.self),
            failuresByReason: try flavor.jsonValue(row, "failures_by_reason", as: [String: Int].self),
            p50Ms: try row.decode(column: "p50_ms", as: Double?.self),
            p95Ms: try row.decode(column: "p95_ms", as: Double?.self),
            p99Ms: try row.decode(column: "p99_ms", as: Double?.self),
            latency: try flavor.histogram(row, "latency_histogram"),
            observedSeconds: try row.decode(column: "observed_seconds", as: Double?.self),
            downtimeSeconds: try row.decode(column: "downtime_seconds", as: Double?.self)
        )
    }

    static func comparison(_ row: any SQLRow, flavor: SQLFlavor) throws -> ComparisonRecord {
        ComparisonRecord(
            check: try row.decode(column: "check_name", as: String.self),
            baselineEnvironment: try row.decode(column: "baseline_environment", as: String?.self),
            candidateEnvironment: try row.decode(column: "candidate_environment", as: String?.self),
            decision: try row.decode(column: "decision", as: String.self),
            reasons: try flavor.jsonValue(row, "reasons", as: [String].self),
            pValue: try row.decode(column: "p_value", as: Double?.self)
        )
    }

    static func window(_ row: any SQLRow, flavor: SQLFlavor) throws -> DowntimeWindowRecord {
        DowntimeWindowRecord(
            id: try flavor.uuid(row, "id"),
            target: try row.decode(column: "target", as: String.self),
            startedAt: try flavor.date(row, "started_at"),
            endedAt: try flavor.optionalDate(row, "ended_at"),
            durationSeconds: try row.decode(column: "duration_seconds", as: Double.self),
            failedProbes: try row.decode(column: "failed_probes", as: Int.self),
            reasons: try flavor.jsonValue(row, "reasons", as: [String: Int].self)
        )
    }

    static func cutover(_ row: any SQLRow, flavor: SQLFlavor) throws -> CutoverRecord {
        CutoverRecord(
            id: try flavor.uuid(row, "id"),
            target: try row.decode(column: "target", as: String.self),
            fromVersion: try row.decode(column: "from_version", as: String.self),
            toVersion: try row.decode(column: "to_version", as: String.self),
            startedAt: try flavor.date(row, "started_at"),
            completedAt: try flavor.optionalDate(row, "completed_at"),
            mixedSeconds: try row.decode(column: "mixed_seconds", as: Double.self),
            flaps: try row.decode(column: "flaps", as: Int.self),
            rolledBack: try flavor.optionalBool(row, "rolled_back") ?? false
        )
    }

    /// A `deployment_logs` row selected with ``deploymentColumns``.
    static func deployment(_ row: any SQLRow, flavor: SQLFlavor) throws -> DeploymentRecord {
        let statusText = try row.decode(column: "deployment_status", as: String.self)
        guard let status = DeploymentStatus(rawValue: statusText) else {
            throw HistoryError(reason: .invalidData, message: "deployment_logs.deployment_status holds \"\(statusText)\"")
        }
        return DeploymentRecord(
            id: try flavor.uuid(row, "id"),
            version: try row.decode(column: "deployment_version", as: String.self),
            status: status,
            startedAt: try flavor.date(row, "started_at"),
            completedAt: try flavor.optionalDate(row, "completed_at"),
            rollbackReason: try row.decode(column: "rollback_reason", as: String?.self),
            downtimeMinutes: try row.decode(column: "downtime_minutes", as: Double?.self) ?? 0,
            downtimeDetectedAt: try flavor.optionalDate(row, "downtime_detected_at")
        )
    }

    /// A `rollback_logs` row selected with ``rollbackColumns``, as the runbook may have written it.
    static func rollbackRow(_ row: any SQLRow, flavor: SQLFlavor) throws -> DeploymentReport.Rollback {
        let typeText = try row.decode(column: "rollback_type", as: String.self)
        guard let type = RollbackType(rawValue: typeText) else {
            throw HistoryError(reason: .invalidData, message: "rollback_logs.rollback_type holds \"\(typeText)\"")
        }
        return DeploymentReport.Rollback(
            id: try flavor.uuid(row, "id"),
            deploymentID: try row.decodeNil(column: "deployment_id") ? nil : try flavor.uuid(row, "deployment_id"),
            trigger: try row.decode(column: "rollback_trigger", as: String.self),
            type: type,
            triggeredAt: try flavor.date(row, "triggered_at"),
            completedAt: try flavor.optionalDate(row, "completed_at"),
            durationMinutes: try row.decode(column: "rollback_duration_minutes", as: Double?.self),
            success: try flavor.optionalBool(row, "rollback_success"),
            reason: try row.decode(column: "rollback_reason", as: String?.self)
        )
    }

    /// A `rollback_logs` row smokegate wrote (it always names its deployment).
    static func rollback(_ row: any SQLRow, flavor: SQLFlavor) throws -> RollbackRecord {
        let stored = try rollbackRow(row, flavor: flavor)
        guard let deploymentID = stored.deploymentID else {
            throw HistoryError(reason: .invalidData, message: "rollback_logs row \(stored.id) names no deployment")
        }
        return RollbackRecord(
            id: stored.id, deploymentID: deploymentID, trigger: stored.trigger, type: stored.type,
            triggeredAt: stored.triggeredAt, completedAt: stored.completedAt, success: stored.success, reason: stored.reason
        )
    }
}
