import Foundation
import SmokegateConfig
import SmokegateCore
import SmokegateEngine
import SmokegateFixtures
import SmokegateModel
import SmokegateReports
import SmokegateTestSupport
import SmokegateTestTools
import SmokegateVerdict
import Synchronization
import Testing

/// Pushes read back from a real Pushgateway (Debian's prometheus-pushgateway), and what was pushed checked by promtool.
@Suite struct PushgatewayPushTests {
    static let yaml = """
        suite: shop
        environments:
          blue: { base_url: "{{base}}/blue" }
          green: { base_url: "{{base}}/green" }
        checks:
          - name: health
            samples: 20
            http: GET /health
          - name: "slow \\"cart\\""
            samples: 40
            http: GET /slow?n={{environment}}
            expect: { status: 200 }
        """

    static func run(_ yaml: String, comparing: Bool = false) async throws -> (RunReport, Suite) {
        let counter = Counter()
        return try await FixtureHTTPServer.withServer(answering: { request in
            if request.path.hasPrefix("/green/slow") { return .respond(.text("busy", status: counter.next() % 4 == 0 ? 503 : 200)) }
            return .respond(.text("ok"))
        }) { server in
            var options = LoadOptions(variables: ["base": server.baseURL])
            options.comparing = comparing
            if comparing { (options.baseline, options.candidate) = ("blue", "green") }
            let suite = try await TemporarySuite.load(yaml, options: options)
            return (try await SuiteRun(suite: suite, tags: [], concurrency: 8).execute(), suite)
        }
    }

    final class Counter: Sendable {
        private let value = Mutex(0)
        func next() -> Int { value.withLock { $0 += 1; return $0 } }
    }

    static func pushed(_ report: RunReport, suite: Suite, target: (String) -> PushgatewayTarget, gateway: Pushgateway) async throws -> String? {
        try await Prober.with { prober in await PushgatewayPusher(target: target(gateway.url)).push(report, prober: prober, redactor: suite.redactor) }
    }

    @Test func aRunsFiguresArriveUnderOneGroupPerEnvironment() async throws {
        let (report, suite) = try await Self.run(Self.yaml)
        guard let samples = try await TestTools.ifAvailable({
            try await Pushgateway.with { gateway in
                let problem = try await Self.pushed(report, suite: suite, target: {
                    PushgatewayTarget(url: $0, job: "ci", labels: [("branch", "feature/x y"), ("pipeline", "1234")])
                }, gateway: gateway)
                #expect(problem == nil, "\(problem ?? "")")
                return try await gateway.samples(named: ["smokegate_run_success", "smokegate_run_decision", "smoke_test_total", "smoke_test_failures_total",
                                                         "smokegate_check_error_ratio", "smokegate_check_latency_seconds", "smokegate_run_duration_seconds",
                                                         "smokegate_check_success", "deployment_total", "push_time_seconds"], waitingUpTo: .seconds(10))
            }
        }) else { return }
        func sample(_ name: String, _ labels: [String: String]) -> Pushgateway.Sample? {
            samples.first { sample in sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value } }
        }
        // The grouping key: job, environment, then the extra labels (a value with '/' and a space, base64-encoded on the way).
        for environment in ["blue", "green"] {
            let success = try #require(sample("smokegate_run_success", ["environment": environment]), "\(samples)")
            // The Pushgateway adds an empty `instance` to every group that names none.
            #expect(success.labels == ["job": "ci", "environment": environment, "branch": "feature/x y", "pipeline": "1234", "instance": ""])
            #expect(success.number == (report.decision.proceeds ? 1 : 0))
            #expect(sample("smokegate_run_decision", ["environment": environment, "decision": report.decision.rawValue])?.number == 1)
            #expect(sample("smokegate_run_decision", ["environment": environment, "decision": "promote"])?.number == 0)
            #expect(sample("smokegate_run_duration_seconds", ["environment": environment])?.number == report.durationSeconds)
        }
        for check in report.checks {
            for result in check.results {
                let labels = ["environment": result.environment, "suite": check.suite, "check": check.name]
                #expect(sample("smoke_test_total", labels.merging(["result": "fail"]) { $1 })?.number == Double(result.samplesFailed), "\(labels)")
                #expect(sample("smoke_test_total", labels.merging(["result": "pass"]) { $1 })?.number == Double(result.samplesCompleted - result.samplesFailed))
                #expect(sample("smoke_test_failures_total", labels)?.number == Double(result.samplesFailed))
                #expect(sample("smokegate_check_error_ratio", labels)?.number == result.errorRate)
                #expect(sample("smokegate_check_success", labels)?.number == (result.status == .fail ? 0 : 1))
                let latency = try #require(result.latency)
                #expect(sample("smokegate_check_latency_seconds", labels.merging(["percentile": "p95"]) { $1 })?.number == latency.p95Ms / 1000)
                #expect(sample("smokegate_check_latency_seconds", labels.merging(["percentile": "p50"]) { $1 })?.number == latency.p50Ms / 1000)
                #expect(sample("smokegate_check_latency_seconds", labels.merging(["percentile": "p99"]) { $1 })?.number == latency.p99Ms / 1000)
            }
        }
        #expect(report.checks.contains { $0.name == "slow \"cart\"" && $0.results.contains { $0.samplesFailed > 0 } }, "green's failures are there to be pushed")
        #expect(!samples.contains { $0.name == "deployment_total" }, "a plain run judges no deployment")
        #expect(samples.filter { $0.name == "push_time_seconds" }.count == 2)
    }

    @Test func theTextPassesPromtool() async throws {
        let (report, _) = try await Self.run(Self.yaml, comparing: true)
        for group in PushgatewayReport.render(report) {
            guard let verdict = try await TestTools.ifAvailable({ try await Promtool.checkMetrics(String(decoding: group.text, as: UTF8.self)) }) else { return }
            #expect(verdict.ok, "\(group.environment): \(verdict.output)")
        }
    }

    @Test func aComparisonPushesItsDeploymentUnderTheCandidate() async throws {
        let (report, suite) = try await Self.run(Self.yaml, comparing: true)
        guard let samples = try await TestTools.ifAvailable({
            try await Pushgateway.with { gateway in
                let problem = try await Self.pushed(report, suite: suite, target: { PushgatewayTarget(url: $0) }, gateway: gateway)
                #expect(problem == nil, "\(problem ?? "")")
                return try await gateway.samples(named: ["deployment_total", "deployment_rollback_total", "deployment_duration_seconds"], waitingUpTo: .seconds(10))
            }
        }) else { return }
        let outcome = try #require(report.deployments.first)
        #expect(outcome.environment == "green")
        #expect(samples.allSatisfy { $0.labels["environment"] == "green" && $0.labels["job"] == "smokegate" }, "\(samples)")
        for status in DeploymentStatus.allCases {
            #expect(samples.first { $0.name == "deployment_total" && $0.labels["status"] == status.rawValue }?.number == (status == outcome.status ? 1 : 0))
        }
        #expect(samples.first { $0.name == "deployment_rollback_total" }?.number == (report.decision == .rollback ? 1 : 0))
        #expect(samples.first { $0.name == "deployment_duration_seconds" }?.number == report.durationSeconds)
    }

    @Test func aPushThatFailsIsOneSentenceNotAnError() async throws {
        let (report, suite) = try await Self.run(Self.yaml)
        try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("pushed metrics are invalid", status: 400)) }) { server in
            let problem = try await Prober.with { prober in
                await PushgatewayPusher(target: PushgatewayTarget(url: server.baseURL)).push(report, prober: prober, redactor: suite.redactor)
            }
            #expect(problem == "push to the Pushgateway \(server.baseURL) failed for blue (HTTP 400: pushed metrics are invalid), green (HTTP 400: pushed metrics are invalid)")
            #expect(server.requestCount == 2, "a 4xx is not sent again")
        }
        try await FixtureHTTPServer.withServer(answering: { _ in .hang }) { server in
            var target = PushgatewayTarget(url: server.baseURL)
            target.timeout = .milliseconds(300)
            let problem = try await Prober.with { prober in await PushgatewayPusher(target: target).push(report, prober: prober, redactor: suite.redactor) }
            #expect(problem?.hasPrefix("push to the Pushgateway \(server.baseURL) failed for blue (timeout:") == true, "\(problem ?? "")")
            #expect(server.requestCount == 4, "each group tried twice")
        }
    }

    @Test func groupURLsEncodeLabelValues() {
        let target = PushgatewayTarget(url: "http://gw:9091/", job: "smoke test", labels: [("branch", "feature/x"), ("sha", "ab+c"), ("empty", "")])
        #expect(target.groupURL(environment: "green") == "http://gw:9091/metrics/job/smoke%20test/environment/green/branch@base64/ZmVhdHVyZS94/sha/ab%2Bc/empty@base64/=")
    }
}
