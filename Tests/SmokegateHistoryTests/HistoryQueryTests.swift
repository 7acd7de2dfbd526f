import Foundation
@testable import SmokegateHistory
import SmokegateHistoryFixtures
import Testing

@Suite struct HistoryQueryTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func run(_ daysAgo: Double, suites: [String], environments: [String], labels: [String: String], kind: RunKind = .run) -> RunRecord {
        var run = SyntheticHistory.run(id: UUID(), checks: 2, environments: environments)
        run.kind = kind
        run.windows = []
        run.suites = suites
        run.labels = labels
        run.startedAt = now.addingTimeInterval(-daysAgo * 86_400)
        run.finishedAt = run.startedAt.addingTimeInterval(30)
        return run
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func runsAreFilteredBySuiteEnvironmentTimeAndLabels(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let store = try await database.open()
            let shopRecent = Self.run(1, suites: ["shop.yml"], environments: ["blue", "green"], labels: ["commit": "abc", "team": "web"])
            let shopOld = Self.run(10, suites: ["shop.yml"], environments: ["blue"], labels: ["commit": "def", "team": "web"])
            let apiRecent = Self.run(2, suites: ["api.yml", "shop.yml"], environments: ["canary"], labels: ["commit": "abc"], kind: .watch)
            for run in [shopRecent, shopOld, apiRecent] { try await store.record(run) }

            let ids = { (filter: RunFilter) in try await store.runs(filter).map(\.id) }
            #expect(try await ids(RunFilter()) == [shopRecent.id, apiRecent.id, shopOld.id])
            #expect(try await ids(RunFilter(suite: "api.yml")) == [apiRecent.id])
            #expect(try await ids(RunFilter(suite: "shop.yml")) == [shopRecent.id, apiRecent.id, shopOld.id])
            #expect(try await ids(RunFilter(environment: "green")) == [shopRecent.id])
            #expect(try await ids(RunFilter(since: Self.now.addingTimeInterval(-7 * 86_400))) == [shopRecent.id, apiRecent.id])
            #expect(try await ids(RunFilter(until: Self.now.addingTimeInterval(-1.5 * 86_400))) == [apiRecent.id, shopOld.id])
            #expect(try await ids(RunFilter(labels: ["commit": "abc"])) == [shopRecent.id, apiRecent.id])
            #expect(try await ids(RunFilter(labels: ["commit": "abc", "team": "web"])) == [shopRecent.id])
            #expect(try await ids(RunFilter(labels: ["team": "ops"])) == [])
            #expect(try await ids(RunFilter(kinds: [.watch])) == [apiRecent.id])
            #expect(try await ids(RunFilter(limit: 1)) == [shopRecent.id])

            let summary = try #require(try await store.runs(RunFilter(suite: "api.yml")).first)
            #expect(summary.suites == ["api.yml", "shop.yml"])
            #expect(summary.environments == ["canary"])
            #expect(summary.labels == ["commit": "abc"])
            #expect(summary.kind == .watch)
            #expect(summary.checkResults == apiRecent.results.count)
            #expect(summary.samples == apiRecent.results.reduce(0) { $0 + $1.samples })
            #expect(summary.failed == apiRecent.results.reduce(0) { $0 + $1.failed })
            await store.close()
        }
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func theDeploymentReportGivesTheRunbooksNumbers(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let store = try await database.open()
            let day = 86_400.0
            // 40 deployments in the last 30 days: 38 succeeded, one rolled back, one failed → 95 %, yellow.
            var deployments: [DeploymentRecord] = []
            for index in 0..<40 {
                let status: DeploymentStatus = index == 7 ? .rollback : index == 21 ? .failed : .success
                deployments.append(DeploymentRecord(
                    id: UUID(), version: "v\(index)", status: status, startedAt: Self.now.addingTimeInterval(-Double(index) * 0.7 * day),
                    downtimeMinutes: index == 7 ? 2.5 : index == 12 ? 0.25 : 0
                ))
            }
            // One older than the window, which must not count.
            deployments.append(DeploymentRecord(id: UUID(), version: "v-old", status: .failed, startedAt: Self.now.addingTimeInterval(-45 * day), downtimeMinutes: 99))
            for deployment in deployments { try await store.record(deployment: deployment) }
            let rolledBack = deployments[7]
            try await store.record(rollback: RollbackRecord(deploymentID: rolledBack.id, trigger: "error_rate > 5%", type: .traffic,
                triggeredAt: rolledBack.startedAt.addingTimeInterval(60), completedAt: rolledBack.startedAt.addingTimeInterval(60 + 3 * 60), success: true))
            try await store.record(rollback: RollbackRecord(deploymentID: rolledBack.id, trigger: "p95 > 500ms", type: .full,
                triggeredAt: rolledBack.startedAt.addingTimeInterval(600), completedAt: rolledBack.startedAt.addingTimeInterval(600 + 7.5 * 60), success: false))
            try await store.record(rollback: RollbackRecord(deploymentID: deployments[3].id, trigger: "manual", type: .traffic,
                triggeredAt: deployments[3].startedAt.addingTimeInterval(5)))

            let report = try await store.deploymentReport(since: Self.now.addingTimeInterval(-30 * day))
            #expect(report.deployments.count == 40)
            #expect(report.deployments.first?.record.version == "v39")
            #expect(report.succeeded == 38)
            #expect(report.rolledBack == 1)
            #expect(report.failed == 1)
            #expect(report.successRate == 0.95)
            #expect(report.band == .yellow)
            #expect(abs(report.totalDowntimeMinutes - 2.75) < 1e-9)
            #expect(report.rollbacks.count == 3)
            #expect(report.meanTimeToRollbackMinutes == 5.25)
            #expect(report.worstTimeToRollbackMinutes == 7.5)
            #expect(report.deployments.first { $0.record.id == rolledBack.id }?.rollbacks == 2)
            #expect(report.deployments.first { $0.record.id == deployments[3].id }?.rollbacks == 1)

            let empty = try await store.deploymentReport(since: Self.now.addingTimeInterval(day))
            #expect(empty.successRate == nil)
            #expect(empty.band == nil)
            #expect(empty.meanTimeToRollbackMinutes == nil)
            await store.close()
        }
    }

    @Test func bandsFollowTheRunbook() {
        #expect(SuccessRateBand(successRate: 1) == .green)
        #expect(SuccessRateBand(successRate: 0.99) == .green)
        #expect(SuccessRateBand(successRate: 0.9899) == .yellow)
        #expect(SuccessRateBand(successRate: 0.95) == .yellow)
        #expect(SuccessRateBand(successRate: 0.9499) == .red)
        #expect(DeploymentStatus(verdictDecision: "promote") == .success)
        #expect(DeploymentStatus(verdictDecision: "pass") == .success)
        #expect(DeploymentStatus(verdictDecision: "rollback") == .rollback)
        #expect(DeploymentStatus(verdictDecision: "fail") == .failed)
        #expect(DeploymentStatus(verdictDecision: "hold") == nil)
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func theSLOReportAddsServeRollupsAndWatches(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let store = try await database.open()
            let start = HourlyRollupRecord.hourStart(containing: Self.now.addingTimeInterval(-10 * 86_400))
            // api@green: 100 hours served, 360 s down in total.
            let rollups = (0..<100).map { hour in
                HourlyRollupRecord(target: "api@green", hourStart: start.addingTimeInterval(Double(hour) * 3600), probes: 360,
                                   failed: hour == 50 ? 36 : 0, downtimeSeconds: hour == 50 ? 360 : 0)
            }
            try await store.record(rollups: rollups)
            // Plus a one-hour watch of the same target with 36 s down, and a rollup outside the window.
            var watch = SyntheticHistory.run(id: UUID(), checks: 1, environments: ["green"])
            watch.kind = .watch
            watch.startedAt = start.addingTimeInterval(200 * 3600)
            watch.finishedAt = watch.startedAt.addingTimeInterval(3600)
            watch.results = [CheckResultRecord(check: "api", environment: "green", samples: 360, failed: 4, observedSeconds: 3600, downtimeSeconds: 36)]
            try await store.record(watch)
            try await store.record(rollups: [HourlyRollupRecord(target: "api@green", hourStart: start.addingTimeInterval(-3600), probes: 360, failed: 360, downtimeSeconds: 3600)])

            let report = try await store.sloReport(objective: 0.999, since: start, until: Self.now)
            let api = try #require(report.targets.first)
            #expect(report.targets.count == 1)
            #expect(api.target == "api@green")
            #expect(api.observedSeconds == 101 * 3600)
            #expect(api.downtimeSeconds == 396)
            #expect(api.probes == 101 * 360)
            #expect(api.failedProbes == 40)
            // Budget: 0.1 % of 101 h = 363.6 s; 396 s spent.
            #expect(abs((api.availability ?? 0) - (1 - 396.0 / 363_600)) < 1e-12)
            #expect(abs(api.errorBudgetSeconds - 363.6) < 1e-9)
            #expect(abs(api.errorBudgetRemainingSeconds - (363.6 - 396)) < 1e-9)
            #expect(abs((api.errorBudgetRemaining ?? 0) - (363.6 - 396) / 363.6) < 1e-12)
            #expect(abs((api.burnRate ?? 0) - 396.0 / 363.6) < 1e-12)

            await #expect(throws: HistoryError.self) { try await store.sloReport(objective: 1, since: start) }
            await store.close()
        }
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func exportsAreCSVAndJSON(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let store = try await database.open()
            let full = HistoryRecordingTests.fullRun()
            var bare = Self.run(3, suites: ["bare.yml"], environments: ["blue"], labels: [:])
            bare.results = []
            bare.comparisons = []
            try await store.record(full)
            try await store.record(bare)

            let json = try await store.export(format: .json)
            let decoded = try HistoryExport.decodeJSON(json)
            #expect(decoded.map(SyntheticHistory.normalized) == [full, bare].sorted { $0.startedAt > $1.startedAt }.map(SyntheticHistory.normalized))

            let csv = String(decoding: try await store.export(RunFilter(suite: "bare.yml"), format: .csv), as: UTF8.self)
            let lines = csv.components(separatedBy: "\r\n")
            #expect(lines.first == HistoryExport.csvColumns.joined(separator: ","))
            #expect(lines.count == 3 && lines[2].isEmpty)
            #expect(lines[1].hasPrefix(bare.id.uuidString.lowercased() + ",run,"))
            #expect(lines[1].hasSuffix(",bare.yml,blue,,,,,,,,,,,,"))

            let fullCSV = String(decoding: try await store.export(RunFilter(kinds: [.watch]), format: .csv), as: UTF8.self)
            #expect(fullCSV.components(separatedBy: "\r\n").count == 1 + full.results.count + 1)
            // A label with a comma and quotes is quoted as RFC 4180 says.
            #expect(fullCSV.contains(#""commit="#))
            #expect(fullCSV.contains(#"team=payments, ""core"""#))
            await store.close()
        }
    }

    @Test(arguments: TestDatabase.Kind.allCases)
    func retentionDropsDetailFirstAndSummariesLater(kind: TestDatabase.Kind) async throws {
        try await withTestDatabase(kind) { database in
            let store = try await database.open()
            let day = 86_400.0
            var recent = Self.run(5, suites: ["a"], environments: ["blue"], labels: ["k": "v"], kind: .watch)
            recent.windows = [DowntimeWindowRecord(target: "t", startedAt: recent.startedAt, endedAt: recent.finishedAt, durationSeconds: 30, failedProbes: 3)]
            var middle = Self.run(40, suites: ["a"], environments: ["blue"], labels: ["k": "v"], kind: .watch)
            middle.windows = [DowntimeWindowRecord(target: "t", startedAt: middle.startedAt, endedAt: middle.finishedAt, durationSeconds: 30, failedProbes: 3)]
            middle.deployment = DeploymentRecord(id: UUID(), version: "v1", status: .success, startedAt: middle.startedAt)
            let ancient = Self.run(200, suites: ["a"], environments: ["blue"], labels: ["k": "v"])
            for run in [recent, middle, ancient] { try await store.record(run) }
            let hours = [2.0, 40, 200].map { HourlyRollupRecord.hourStart(containing: Self.now.addingTimeInterval(-$0 * day)) }
            try await store.record(rollups: hours.map { HourlyRollupRecord(target: "t", hourStart: $0, probes: 1, failed: 0, downtimeSeconds: 0) })
            _ = try await store.openIncident(IncidentRecord(dedupKey: "old", target: "t", openedAt: Self.now.addingTimeInterval(-50 * day)))
            try await store.resolveIncident(dedupKey: "old", at: Self.now.addingTimeInterval(-49 * day))
            _ = try await store.openIncident(IncidentRecord(dedupKey: "still open", target: "t", openedAt: Self.now.addingTimeInterval(-60 * day)))

            let report = try await store.applyRetention(RetentionPolicy(detail: .seconds(30 * day), summaries: .seconds(90 * day)), now: Self.now)
            #expect(report.results == middle.results.count + ancient.results.count)
            #expect(report.comparisons == middle.comparisons.count + ancient.comparisons.count)
            #expect(report.windows == 1)
            #expect(report.runs == 1)
            #expect(report.rollups == 1)
            #expect(report.incidents == 1)

            #expect(try await store.runs().map(\.id) == [recent.id, middle.id])
            #expect(try await store.run(id: recent.id) == SyntheticHistory.normalized(recent))
            let trimmed = try #require(try await store.run(id: middle.id))
            #expect(trimmed.results.isEmpty && trimmed.windows.isEmpty && trimmed.comparisons.isEmpty)
            #expect(trimmed.labels == ["k": "v"])
            #expect(trimmed.deployment?.version == "v1")
            #expect(try await store.count("deployment_logs") == 1)
            #expect(try await store.openIncidents().map(\.dedupKey) == ["still open"])
            #expect(try await store.count("smokegate_rollups") == 2)
            // Nothing left to delete the second time.
            #expect(try await store.applyRetention(RetentionPolicy(detail: .seconds(30 * day), summaries: .seconds(90 * day)), now: Self.now).total == 0)
            await store.close()
        }
    }
}
