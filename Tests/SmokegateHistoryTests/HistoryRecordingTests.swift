import Foundation
import SmokegateStats
@testable import SmokegateHistory
import SmokegateHistoryFixtures
import Testing

@Suite struct HistoryRecordingTests {
    /// A watch of a deployment with everything a record can hold.
    static func fullRun() -> RunRecord {
        var run = SyntheticHistory.run(id: UUID(), checks: 3, environments: ["blue", "green"])
        let deploymentID = UUID()
        run.kind = .watch
        run.labels["team"] = "payments, \"core\""
        run.windows = [
            DowntimeWindowRecord(target: "check-0@green", startedAt: run.startedAt.addingTimeInterval(5), endedAt: run.startedAt.addingTimeInterval(9.5),
                                 durationSeconds: 4.5, failedProbes: 9, reasons: ["connection_refused": 7, "status": 2]),
            DowntimeWindowRecord(target: "check-1@green", startedAt: run.startedAt.addingTimeInterval(20), endedAt: nil,
                                 durationSeconds: 1, failedProbes: 2),
        ]
        run.cutovers = [
            CutoverRecord(target: "check-0@green", fromVersion: "v1", toVersion: "v2", startedAt: run.startedAt.addingTimeInterval(2),
                          completedAt: run.startedAt.addingTimeInterval(4.25), mixedSeconds: 2.25, flaps: 1, rolledBack: true),
        ]
        let downtime = DeploymentRecord.downtime(of: run.windows)
        run.deployment = DeploymentRecord(
            id: deploymentID, version: "v2", status: .rollback, startedAt: run.startedAt, completedAt: run.finishedAt,
            rollbackReason: "p95 up 40 %", downtimeMinutes: 0.09, downtimeDetectedAt: downtime.detectedAt
        )
        run.rollback = RollbackRecord(
            deploymentID: deploymentID, trigger: "error_rate > 5%", type: .traffic, triggeredAt: run.startedAt.addingTimeInterval(30),
            completedAt: run.startedAt.addingTimeInterval(30 + 150), success: true, reason: "errors on green"
        )
        return run
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func aRunReadsBackExactlyAsWritten(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let store = try await database.open()
            let run = Self.fullRun()
            #expect(try await store.record(run))
            let stored = try #require(try await store.run(id: run.id))
            #expect(stored == SyntheticHistory.normalized(run))
            #expect(try await store.run(id: UUID()) == nil)
            // The runbook's columns hold the runbook's units.
            #expect(try await store.values("SELECT CAST(rollback_duration_minutes AS DOUBLE PRECISION) FROM rollback_logs", as: Double.self) == [2.5])
            #expect(try await store.values("SELECT CAST(downtime_minutes AS DOUBLE PRECISION) FROM deployment_logs", as: Double.self) == [0.09])
            await store.close()
        }
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func recordingARunAgainChangesNothing(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let store = try await database.open()
            let run = Self.fullRun()
            #expect(try await store.record(run))
            var changed = run
            changed.decision = "fail"
            changed.results.removeAll()
            #expect(try await store.record(changed) == false)
            #expect(try await store.run(id: run.id) == SyntheticHistory.normalized(run))
            #expect(try await store.count("smokegate_results") == run.results.count)
            await store.close()
        }
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func aRunThatFailsHalfwayLeavesNoRowAtAll(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let store = try await database.open()
            var run = SyntheticHistory.run(id: UUID(), checks: 20, environments: ["blue", "green"])
            // Written last, after every result: a rollback of a deployment nobody recorded breaks the foreign key.
            run.rollback = RollbackRecord(deploymentID: UUID(), trigger: "manual", type: .full, triggeredAt: run.startedAt)
            do {
                try await store.record(run)
                Issue.record("a rollback of an unknown deployment was accepted")
            } catch let error as HistoryError {
                #expect(error.reason == .rejected, "\(error)")
                #expect(!error.isRetryable)
            }
            for table in ["smokegate_runs", "smokegate_results", "smokegate_run_labels", "smokegate_run_suites", "smokegate_comparisons", "rollback_logs"] {
                #expect(try await store.count(table) == 0, "\(table)")
            }
            await store.close()
        }
    }

    @Test(arguments: [
        { (run: inout RunRecord) in run.finishedAt = run.startedAt.addingTimeInterval(-1) },
        { (run: inout RunRecord) in run.decision = "" },
        { (run: inout RunRecord) in run.labels[""] = "x" },
        { (run: inout RunRecord) in run.results[0].failed = run.results[0].samples + 1 },
        { (run: inout RunRecord) in run.windows = [DowntimeWindowRecord(target: "t", startedAt: run.startedAt, endedAt: run.startedAt.addingTimeInterval(-5), durationSeconds: 0, failedProbes: 1)] },
        { (run: inout RunRecord) in run.deployment = DeploymentRecord(id: UUID(), version: "", status: .success, startedAt: run.startedAt) },
        { (run: inout RunRecord) in run.rollback = RollbackRecord(deploymentID: UUID(), trigger: "t", type: .traffic, triggeredAt: run.startedAt, completedAt: run.startedAt.addingTimeInterval(-60)) },
    ] as [@Sendable (inout RunRecord) -> Void])
    func inconsistentRecordsAreRefusedBeforeTheDatabase(breakIt: @Sendable (inout RunRecord) -> Void) async throws {
        try await withTestDatabase(.sqlite) { database in
            let store = try await database.open()
            var run = SyntheticHistory.run(id: UUID(), checks: 1, environments: ["blue"])
            breakIt(&run)
            await #expect(throws: HistoryError.self) { try await store.record(run) }
            #expect(try await store.count("smokegate_runs") == 0)
            await store.close()
        }
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func serveWindowsAndCutoversAreUpdatedWhenWrittenAgain(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let store = try await database.open()
            let start = Date(timeIntervalSince1970: 1_780_000_000)
            var window = DowntimeWindowRecord(target: "api@green", startedAt: start, endedAt: nil, durationSeconds: 3, failedProbes: 3)
            try await store.record(windows: [window])
            window.endedAt = start.addingTimeInterval(42)
            window.durationSeconds = 42
            window.failedProbes = 40
            window.reasons = ["timeout": 40]
            try await store.record(windows: [window])
            var cutover = CutoverRecord(target: "api@green", fromVersion: "v1", toVersion: "v2", startedAt: start, completedAt: nil, mixedSeconds: 0)
            try await store.record(cutovers: [cutover])
            cutover.completedAt = start.addingTimeInterval(8)
            cutover.mixedSeconds = 8
            try await store.record(cutovers: [cutover])
            #expect(try await store.count("smokegate_windows") == 1)
            #expect(try await store.values("SELECT duration_seconds FROM smokegate_windows", as: Double.self) == [42])
            #expect(try await store.values("SELECT reasons FROM smokegate_windows", as: String.self) == [#"{"timeout":40}"#])
            #expect(try await store.values("SELECT mixed_seconds FROM smokegate_cutovers", as: Double.self) == [8])
            await store.close()
        }
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func rollupsReplaceOrAccumulate(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let store = try await database.open()
            let hour = Date(timeIntervalSince1970: 1_780_002_000)
            var firstHalf = LatencyHistogram()
            firstHalf.record(microseconds: 1_000, count: 10)
            var secondHalf = LatencyHistogram()
            secondHalf.record(microseconds: 500_000, count: 10)
            let a = HourlyRollupRecord(target: "api", hourStart: hour, observedSeconds: 1800, probes: 180, failed: 3, downtimeSeconds: 30, latency: firstHalf)
            let b = HourlyRollupRecord(target: "api", hourStart: hour, observedSeconds: 1800, probes: 180, failed: 0, downtimeSeconds: 0, latency: secondHalf)

            try await store.record(rollups: [a])
            try await store.record(rollups: [b], mode: .accumulate)
            var expected = a
            expected.accumulate(b)
            let merged = try await store.mergedLatency(target: "api", since: hour, until: hour.addingTimeInterval(3600))
            #expect(merged == firstHalf.merging(secondHalf))
            #expect(try await store.values("SELECT probes FROM smokegate_rollups", as: Int.self) == [360])
            #expect(try await store.values("SELECT observed_seconds FROM smokegate_rollups", as: Double.self) == [3600])

            try await store.record(rollups: [b], mode: .replace)
            #expect(try await store.values("SELECT probes FROM smokegate_rollups", as: Int.self) == [180])
            #expect(try await store.mergedLatency(target: "api", since: hour, until: hour.addingTimeInterval(3600)) == secondHalf)

            let offHour = HourlyRollupRecord(target: "api", hourStart: hour.addingTimeInterval(60), probes: 1, failed: 0, downtimeSeconds: 0)
            await #expect(throws: HistoryError.self) { try await store.record(rollups: [offHour]) }
            await store.close()
        }
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func incidentsSurviveARestartAndOpenOncePerKey(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let opened = Date(timeIntervalSince1970: 1_780_000_000)
            let store = try await database.open()
            let first = try await store.openIncident(IncidentRecord(dedupKey: "api@green:down", target: "api@green", openedAt: opened))
            #expect(first.state == .open)
            #expect(try await store.markNotified(dedupKey: "api@green:down", at: opened.addingTimeInterval(5)))
            await store.close()

            // serve restarts: the incident is still open and was already notified.
            let restarted = try await database.open()
            let again = try await restarted.openIncident(IncidentRecord(dedupKey: "api@green:down", target: "api@green", openedAt: opened.addingTimeInterval(60)))
            #expect(again.openedAt == opened)
            #expect(again.lastNotifiedAt == opened.addingTimeInterval(5))
            #expect(try await restarted.openIncidents().map(\.dedupKey) == ["api@green:down"])

            #expect(try await restarted.resolveIncident(dedupKey: "api@green:down", at: opened.addingTimeInterval(600)))
            #expect(try await restarted.resolveIncident(dedupKey: "api@green:down", at: opened.addingTimeInterval(601)) == false)
            #expect(try await restarted.openIncidents().isEmpty)
            // The same key may open a new incident once the old one is resolved.
            let later = try await restarted.openIncident(IncidentRecord(dedupKey: "api@green:down", target: "api@green", openedAt: opened.addingTimeInterval(900)))
            #expect(later.openedAt == opened.addingTimeInterval(900))
            #expect(try await restarted.count("smokegate_incidents") == 2)
            await restarted.close()
        }
    }

    @Test func aClosedStoreSaysSo() async throws {
        try await withTestDatabase(.sqlite) { database in
            let store = try await database.open()
            await store.close()
            await store.close()
            do {
                _ = try await store.runs()
                Issue.record("a closed store answered")
            } catch let error as HistoryError {
                #expect(error.reason == .closed)
            }
        }
    }
}
