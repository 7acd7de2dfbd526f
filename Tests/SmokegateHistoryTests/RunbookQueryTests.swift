import Foundation
import SQLKit
@testable import SmokegateHistory
import Testing

/// The runbook's own SQL, unchanged, against the tables smokegate writes in PostgreSQL.
@Suite struct RunbookQueryTests {
    @Test func theRunbooksQueriesWorkUnchanged() async throws {
        try await withTestDatabase(.postgres) { database in
            let store = try await database.open()
            let now = Date()
            let day = 86_400.0
            let statuses: [(DeploymentStatus, Double, Double)] = [
                (.success, 1, 0), (.success, 2, 0), (.success, 3, 1.25), (.rollback, 4, 3.5), (.failed, 5, 0), (.success, 40, 7),
            ]
            var ids: [UUID] = []
            for (status, daysAgo, downtime) in statuses {
                let id = UUID()
                ids.append(id)
                try await store.record(deployment: DeploymentRecord(
                    id: id, version: "v\(daysAgo)", status: status, startedAt: now.addingTimeInterval(-daysAgo * day), downtimeMinutes: downtime
                ))
            }
            for (index, minutes) in [(3, 2.0), (3, 4.5), (4, 1.0)] {
                let triggered = now.addingTimeInterval(-Double(index) * day)
                try await store.record(rollback: RollbackRecord(
                    deploymentID: ids[index], trigger: "error_rate > 5%", type: .traffic, triggeredAt: triggered,
                    completedAt: triggered.addingTimeInterval(minutes * 60), success: true
                ))
            }

            let byStatus = try await store.unmanaged("runbook query") { sql, _ in
                try await sql.raw("SELECT deployment_status, count(*) FROM deployment_logs GROUP BY 1").all().reduce(into: [String: Int]()) {
                    $0[try $1.decode(column: "deployment_status", as: String.self)] = try $1.decode(column: "count", as: Int.self)
                }
            }
            #expect(byStatus == ["success": 4, "rollback": 1, "failed": 1])
            let average = try await store.values("SELECT avg(rollback_duration_minutes) FROM rollback_logs", as: Decimal.self)
            #expect(average == [Decimal(string: "2.5")!])
            let downtime = try await store.values(
                "SELECT sum(downtime_minutes) FROM deployment_logs WHERE started_at > now() - interval '30 days'", as: Decimal.self)
            #expect(downtime == [Decimal(string: "4.75")!])
            // gen_random_uuid() and created_at's default still serve the runbook's own inserts.
            try await store.execute("INSERT INTO deployment_logs (deployment_version, deployment_status, started_at) VALUES ('manual', 'success', now())")
            #expect(try await store.count("deployment_logs", where: "created_at IS NOT NULL") == 7)
            await store.close()
        }
    }

    @Test func theTablesHaveExactlyTheRunbooksColumns() async throws {
        try await withTestDatabase(.postgres) { database in
            let store = try await database.open()
            let columns = { (table: String) in
                try await store.values("""
                    SELECT column_name || ' ' || data_type || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '')
                      || ' ' || is_nullable || coalesce(' ' || column_default, '')
                    FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '\(table)'
                    ORDER BY ordinal_position
                    """, as: String.self)
            }
            #expect(try await columns("deployment_logs") == [
                "id uuid NO gen_random_uuid()",
                "deployment_version text NO",
                "deployment_status text NO",
                "started_at timestamp with time zone NO",
                "completed_at timestamp with time zone YES",
                "rollback_reason text YES",
                "downtime_minutes numeric(10,2) YES 0",
                "downtime_detected_at timestamp with time zone YES",
                "created_at timestamp with time zone YES now()",
            ])
            #expect(try await columns("rollback_logs") == [
                "id uuid NO gen_random_uuid()",
                "deployment_id uuid YES",
                "rollback_trigger text NO",
                "rollback_type text NO",
                "triggered_at timestamp with time zone NO",
                "completed_at timestamp with time zone YES",
                "rollback_duration_minutes numeric(10,2) YES",
                "rollback_success boolean YES",
                "rollback_reason text YES",
                "created_at timestamp with time zone YES now()",
            ])
            await store.close()
        }
    }
}
