import Foundation
import SQLKit

extension HistoryStore {
    /// One `deployment_logs` row by id; nil when none has it. A rollback watch reads the deployment it rolls back
    /// so that marking it `rollback` keeps its version, start and downtime.
    public func deployment(id: UUID) async throws -> DeploymentRecord? {
        try await reading("read deployment \(id)") { database, flavor in
            try await database.raw("""
                SELECT \(unsafeRaw: DetailDecoder.deploymentColumns) FROM deployment_logs d WHERE d.id = \(flavor.uuid(id))
                """).first().map { try DetailDecoder.deployment($0, flavor: flavor) }
        }
    }

    /// Deployments started at or after `since` and rollbacks triggered since then, read from the runbook's tables
    /// (so rows the runbook's own tooling wrote count too), with the success rate, its band, downtime and time
    /// to rollback.
    public func deploymentReport(since: Date) async throws -> DeploymentReport {
        let (deployments, rollbacks, rollbackCounts) = try await reading("read deployments") { database, flavor in
            let deployments = try await database.raw("""
                SELECT \(unsafeRaw: DetailDecoder.deploymentColumns) FROM deployment_logs d
                WHERE d.started_at >= \(flavor.timestamp(since)) ORDER BY d.started_at, d.id
                """).all().map { try DetailDecoder.deployment($0, flavor: flavor) }
            let rollbacks = try await database.raw("""
                SELECT \(unsafeRaw: DetailDecoder.rollbackColumns) FROM rollback_logs b
                WHERE b.triggered_at >= \(flavor.timestamp(since)) ORDER BY b.triggered_at, b.id
                """).all().map { try DetailDecoder.rollbackRow($0, flavor: flavor) }
            let counts = try await database.raw("""
                SELECT b.deployment_id, count(*) AS rollbacks FROM rollback_logs b
                JOIN deployment_logs d ON d.id = b.deployment_id
                WHERE d.started_at >= \(flavor.timestamp(since)) GROUP BY b.deployment_id
                """).all().reduce(into: [UUID: Int]()) { counts, row in
                counts[try flavor.uuid(row, "deployment_id")] = try row.decode(column: "rollbacks", as: Int.self)
            }
            return (deployments, rollbacks, counts)
        }
        let count = { (status: DeploymentStatus) in deployments.filter { $0.status == status }.count }
        let rate = deployments.isEmpty ? nil : Double(count(.success)) / Double(deployments.count)
        let durations = rollbacks.compactMap(\.durationMinutes)
        return DeploymentReport(
            since: since,
            deployments: deployments.map { .init(record: $0, rollbacks: rollbackCounts[$0.id] ?? 0) },
            rollbacks: rollbacks,
            succeeded: count(.success),
            rolledBack: count(.rollback),
            failed: count(.failed),
            successRate: rate,
            band: rate.map(SuccessRateBand.init(successRate:)),
            totalDowntimeMinutes: deployments.reduce(0) { $0 + $1.downtimeMinutes },
            meanTimeToRollbackMinutes: durations.isEmpty ? nil : durations.reduce(0, +) / Double(durations.count),
            worstTimeToRollbackMinutes: durations.max()
        )
    }
}
