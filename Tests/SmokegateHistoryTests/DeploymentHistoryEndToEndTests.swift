import Foundation
@testable import SmokegateFixtures
@testable import SmokegateHistory
import Testing

extension RunsAlone {
    /// Three deployments through the built binary into the real PostgreSQL: one clean, one with a 400 ms outage seen by
    /// `watch`, one rolled back and watched back to blue; then `history deployments --json` and the runbook's own SQL
    /// read the same numbers back.
    @Suite struct DeploymentHistoryEndToEndTests {
        /// A watch that ends once `version` has answered for 300 ms; `during` runs while it watches.
        static func watch(_ version: String, in directory: URL, history: String, extra: [String], output: String,
                          during: @escaping () async throws -> Void) async throws -> SmokegateBinary.Outcome {
            try await SmokegateBinary.run(
                ["watch", "cutover.yml", "--interval", "50ms", "--duration", "60s", "--until", "version \(version) for 300ms",
                 "--history", history, "--out", output, "--quiet"] + extra,
                in: directory, environment: ["GITHUB_SHA": "0123abcd", "GITHUB_RUN_ID": "4242"], whileRunning: during)
        }

        static func iso8601(_ date: Date) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.string(from: date)
        }

        @Test func threeDeploymentsGiveTheRunbooksNumbers() async throws {
            try await withTestDatabase(.postgres) { database in
                let server = try await SwitchableHTTPServer.start(version: "v1")
                defer { Task { try? await server.shutdown() } }
                let directory = try SmokegateBinary.workspace(["cutover.yml": server.cutoverSuite])
                defer { try? FileManager.default.removeItem(at: directory) }
                let (clean, outage, rolledBack) = (UUID(), UUID(), UUID())
                let id = { (uuid: UUID) in uuid.uuidString.lowercased() }
                func afterRequests(_ count: Int) async throws {
                    let start = server.requestCount
                    try await SmokegateBinary.waitFor { server.requestCount >= start + count }
                }

                // 1. Clean: v1 → v2, no downtime.
                let first = try await Self.watch("v2", in: directory, history: database.location, extra: ["--deployment", id(clean), "--version", "v2"],
                                                 output: "r1") {
                    try await afterRequests(5)
                    server.setVersion("v2")
                }
                #expect(first.status == 0, "stderr: \(first.stderr)")
                // 2. v2 → v3 with a 400 ms outage in between: the default downtime gate (0s) fails the watch.
                var outageLength = Duration.zero
                let second = try await Self.watch("v3", in: directory, history: database.location, extra: ["--deployment", id(outage), "--version", "v3"],
                                                  output: "r2") {
                    try await afterRequests(5)
                    let window = try await server.outage(.failing, for: .milliseconds(400))
                    outageLength = window.end - window.start
                    server.setVersion("v3")
                }
                #expect(second.status == 1, "stderr: \(second.stderr)")
                // 3. v3 → v4, passes; then the rollback: triggered two minutes ago, watched back to v3.
                let third = try await Self.watch("v4", in: directory, history: database.location, extra: ["--deployment", id(rolledBack), "--version", "v4"],
                                                 output: "r3") {
                    try await afterRequests(5)
                    server.setVersion("v4")
                }
                #expect(third.status == 0, "stderr: \(third.stderr)")
                let triggeredAt = Date().addingTimeInterval(-120)
                var switchedBackAt = Date()
                let rollback = try await Self.watch(
                    "v3", in: directory, history: database.location,
                    extra: ["--rollback-of", id(rolledBack), "--rollback-trigger", "error_rate > 5%", "--rollback-type", "traffic",
                            "--triggered-at", Self.iso8601(triggeredAt)],
                    output: "r4"
                ) {
                    try await afterRequests(5)
                    switchedBackAt = Date()
                    server.setVersion("v3")
                }
                #expect(rollback.status == 0, "stderr: \(rollback.stderr)")
                for outcome in [first, second, third, rollback] {
                    #expect(!outcome.stderr.contains("history"), "no history warning expected: \(outcome.stderr)")
                }
                let expectedRollbackMinutes = switchedBackAt.timeIntervalSince(triggeredAt) / 60

                // What `history deployments --json` says.
                let shown = try await SmokegateBinary.run(["history", "deployments", "--since", "1d", "--json", "--history", database.location], in: directory)
                #expect(shown.status == 0, "stderr: \(shown.stderr)")
                let report = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any], "stdout: \(shown.stdout)")
                #expect(report["succeeded"] as? Int == 1)
                #expect(report["failed"] as? Int == 1)
                #expect(report["rolled_back"] as? Int == 1)
                #expect(abs((report["success_rate"] as? Double ?? -1) - 1.0 / 3.0) < 1e-9)
                #expect(report["band"] as? String == "red")
                let rows = try #require(report["deployments"] as? [[String: Any]])
                let byID = Dictionary(uniqueKeysWithValues: rows.compactMap { row -> (String, [String: Any])? in
                    guard let record = row["record"] as? [String: Any], let key = record["id"] as? String else { return nil }
                    return (key.lowercased(), row)
                })
                let records = byID.mapValues { $0["record"] as? [String: Any] ?? [:] }
                #expect(records[id(clean)]?["status"] as? String == "success")
                #expect(records[id(clean)]?["downtime_minutes"] as? Double == 0)
                #expect(records[id(clean)]?["downtime_detected_at"] == nil)
                #expect(records[id(outage)]?["status"] as? String == "failed")
                // 400 ms is 0.0067 minutes: DECIMAL(10, 2) stores 0.01.
                #expect(records[id(outage)]?["downtime_minutes"] as? Double == 0.01, "outage lasted \(outageLength)")
                #expect(records[id(outage)]?["downtime_detected_at"] as? String != nil)
                #expect(records[id(rolledBack)]?["status"] as? String == "rollback")
                #expect(records[id(rolledBack)]?["version"] as? String == "v4")
                #expect(byID[id(rolledBack)]?["rollbacks"] as? Int == 1)
                let rollbackRows = try #require(report["rollbacks"] as? [[String: Any]])
                #expect(rollbackRows.count == 1)
                let minutes = try #require(rollbackRows.first?["duration_minutes"] as? Double)
                // Stored in hundredths of a minute (0.6 s), and the switch is seen within one 50 ms interval.
                #expect(abs(minutes - expectedRollbackMinutes) <= 0.02, "stored \(minutes), expected about \(expectedRollbackMinutes)")
                #expect(rollbackRows.first?["success"] as? Bool == true)
                #expect(rollbackRows.first?["trigger"] as? String == "error_rate > 5%")
                #expect(report["mean_time_to_rollback_minutes"] as? Double == minutes)
                #expect(report["worst_time_to_rollback_minutes"] as? Double == minutes)
                #expect(report["total_downtime_minutes"] as? Double == 0.01)

                // The SLO of the watched target, from the four watches: the 400 ms outage is its only downtime.
                let slo = try await SmokegateBinary.run(["history", "slo", "--objective", "99.9%", "--window", "1d", "--json", "--history", database.location],
                                                        in: directory)
                #expect(slo.status == 0, "stderr: \(slo.stderr)")
                let sloReport = try #require(try JSONSerialization.jsonObject(with: Data(slo.stdout.utf8)) as? [String: Any], "stdout: \(slo.stdout)")
                let targets = try #require(sloReport["targets"] as? [[String: Any]])
                #expect(targets.map { $0["target"] as? String } == ["health@public"])
                let down = try #require(targets.first?["downtime_seconds"] as? Double)
                #expect(down > 0.25 && down < 0.7, "the server failed for \(outageLength); the watches saw \(down) s")
                #expect((targets.first?["availability"] as? Double ?? 1) < 1)
                // history runs, filtered by the CI labels the binary took from GITHUB_SHA / GITHUB_RUN_ID.
                let listed = try await SmokegateBinary.run(["history", "runs", "--label", "commit=0123abcd", "--since", "1h", "--json", "--history", database.location],
                                                           in: directory)
                let listedRuns = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]], "stdout: \(listed.stdout)")
                #expect(listedRuns.count == 4)
                #expect(listedRuns.compactMap { $0["decision"] as? String }.sorted() == ["fail", "pass", "pass", "pass"])

                // The runbook's own SQL against the same tables.
                let store = try await database.open()
                let rate = try await store.values("""
                    SELECT round(100.0 * count(*) FILTER (WHERE deployment_status = 'success') / count(*), 2)
                    FROM deployment_logs WHERE started_at > now() - interval '30 days'
                    """, as: Decimal.self)
                #expect(rate == [Decimal(string: "33.33")!])
                let downtime = try await store.values(
                    "SELECT sum(downtime_minutes) FROM deployment_logs WHERE started_at > now() - interval '30 days'", as: Decimal.self)
                #expect(downtime == [Decimal(string: "0.01")!])
                let durations = try await store.values("SELECT avg(rollback_duration_minutes) FROM rollback_logs", as: Decimal.self)
                #expect(durations.count == 1 && abs(NSDecimalNumber(decimal: durations[0]).doubleValue - minutes) < 1e-9, "\(durations) vs \(minutes)")
                let immediate = try await store.values(
                    "SELECT deployment_version FROM deployment_logs WHERE downtime_minutes > 0 ORDER BY started_at", as: String.self)
                #expect(immediate == ["v3"], "the runbook rolls back any deployment with downtime above 0")
                let status = try await store.values("SELECT deployment_status FROM deployment_logs WHERE id = '\(id(rolledBack))'", as: String.self)
                #expect(status == ["rollback"])

                // Every watch is a run with the CI labels.
                let runs = try await store.runs(RunFilter(labels: ["commit": "0123abcd", "pipeline": "4242"]))
                #expect(runs.count == 4)
                #expect(runs.allSatisfy { $0.kind == .watch })
                // The rollback watch (newest) kept its latencies, one per answered probe, mergeable across runs.
                let newestID = try #require(runs.first).id
                let newest = try #require(try await store.run(id: newestID))
                let health = try #require(newest.results.first)
                #expect(health.samples > 0 && health.latency.totalCount == UInt64(health.samples))
                #expect(newest.cutovers.map(\.toVersion) == ["v3"] && newest.rollback?.deploymentID == rolledBack)
                await store.close()
            }
        }
    }
}
