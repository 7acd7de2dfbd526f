import Foundation
@testable import SmokegateEngine
import SmokegateFixtures
@testable import SmokegateModel
import SmokegateTestSupport
import Synchronization
import Testing

@Suite("Running checks against a live server")
struct RunnerTests {
    @Test func passingAndFailingExpectations() async throws {
        let report = try await RunHarness.run("""
            checks:
              - name: health
                samples: 3
                http: GET {{base}}/health
                expect:
                  status: 200
                  headers: { Content-Type: { contains: json } }
                  json:
                    $.status: UP
                    $.items: { length: 2 }
                    $.items[1].id: 7
              - name: wrong status
                http: GET {{base}}/missing
              - name: wrong json
                http: GET {{base}}/health
                expect:
                  json: { $.status: DOWN }
            """) { request in
            request.path == "/health"
                ? .respond(.json(#"{"status":"UP","items":[{"id":3},{"id":7}]}"#))
                : .respond(.text("nope", status: 404))
        }
        #expect(RunHarness.result(report, "health")?.status == .pass)
        #expect(RunHarness.result(report, "health")?.samplesCompleted == 3)
        let status = try #require(RunHarness.result(report, "wrong status"))
        #expect(status.status == .fail)
        #expect(status.failures.first?.reason == .status)
        #expect(status.message?.contains("expected status 2xx, got 404") == true)
        let json = try #require(RunHarness.result(report, "wrong json"))
        #expect(json.message == #"$.status: expected "DOWN", got "UP""#)
        #expect(report.decision == .fail)
        #expect(report.exitCode == .fail)
        #expect(report.reasons.contains { $0.hasPrefix("suite/wrong json failed in default") })
    }

    @Test func retryRescueIsReportedAsFlaky() async throws {
        let calls = Mutex(0)
        let report = try await RunHarness.run("""
            checks:
              - name: wobbly
                retries: 2
                retry_delay: 10ms
                http: GET {{base}}/
            """) { _ in
            let n = calls.withLock { value in value += 1; return value }
            return n == 1 ? .respond(.text("busy", status: 503)) : .respond(.text("ok"))
        }
        let result = try #require(RunHarness.result(report, "wobbly"))
        #expect(result.status == .flaky)
        #expect(result.samplesRescued == 1)
        #expect(result.message?.contains("expected status 2xx, got 503") == true)
        #expect(report.decision == .pass)
    }

    @Test func transportFailuresCarryReasonCodes() async throws {
        let report = try await RunHarness.run("""
            checks:
              - name: hangs
                http: { url: "{{base}}/hang", timeout: 300ms }
              - name: refused
                http: GET http://127.0.0.1:1/
            """) { _ in .hang }
        #expect(RunHarness.result(report, "hangs")?.failures.first?.reason == .timeout)
        #expect(RunHarness.result(report, "refused")?.failures.first?.reason == .connectionRefused)
    }

    @Test func gatesAndCheckLatencyThresholds() async throws {
        let report = try await RunHarness.run("""
            gates:
              - error_rate < 1%
              - p95 < 5s
            checks:
              - name: ok
                samples: 10
                http: GET {{base}}/ok
                expect:
                  latency: p95 < 1ms
              - name: broken
                samples: 10
                http: GET {{base}}/broken
            """) { request in
            request.path == "/ok" ? .respond(.text("ok", delay: .milliseconds(20))) : .respond(.text("down", status: 500))
        }
        let ok = try #require(RunHarness.result(report, "ok"))
        #expect(ok.status == .fail)
        #expect(ok.thresholds.first?.passed == false)
        #expect(ok.thresholds.first?.n == 10)
        let errorGate = try #require(report.gates.first { $0.metric == "error_rate" })
        #expect(!errorGate.passed)
        #expect(errorGate.observed == 0.5)
        #expect(errorGate.n == 20)
        #expect(errorGate.message.contains("10 of 20 probes failed"))
        #expect(report.gates.first { $0.metric == "p95" }?.passed == true)
    }

    @Test func concurrencyLimitHolds() async throws {
        let current = Mutex(0), peak = Mutex(0)
        let report = try await RunHarness.run("""
            checks:
              - name: many
                samples: 24
                http: GET {{base}}/
            """, concurrency: 4, script: .deferred { _ in
            let now = current.withLock { value in value += 1; return value }
            peak.withLock { $0 = max($0, now) }
            try? await Task.sleep(for: .milliseconds(20))
            current.withLock { $0 -= 1 }
            return .respond(.text("ok"))
        })
        #expect(RunHarness.result(report, "many")?.samplesCompleted == 24)
        #expect(peak.withLock { $0 } <= 4)
        #expect(peak.withLock { $0 } >= 2)
    }

    @Test func tagsSelectChecks() async throws {
        let report = try await RunHarness.run("""
            checks:
              - name: critical
                tags: [critical]
                http: GET {{base}}/
              - name: other
                http: GET {{base}}/
            """, tags: ["critical"]) { _ in .respond(.text("ok")) }
        #expect(RunHarness.result(report, "critical")?.status == .pass)
        #expect(RunHarness.result(report, "other")?.status == .skipped)
    }
}

@Suite("Planning")
struct PlannerTests {
    @Test func samplesInterleaveAcrossChecksAndEnvironments() async throws {
        let suite = try await TemporarySuite.load("""
            environments:
              blue: { base_url: "http://127.0.0.1:1" }
              green: { base_url: "http://127.0.0.1:2" }
            checks:
              - { name: a, samples: 2, http: /a }
              - { name: b, samples: 2, http: /b }
            """)
        let jobs = Planner.plan(suite, selected: Set(suite.checks.indices))
        let order = jobs.map { "\(suite.checks[$0.check].name)\($0.sample)\($0.environment.prefix(1))" }
        #expect(order == ["a0b", "a0g", "b0b", "b0g", "a1b", "a1g", "b1b", "b1g"])
    }

    @Test func intervalsScheduleSamplesOpenLoop() async throws {
        let suite = try await TemporarySuite.load("""
            checks:
              - { name: a, samples: 3, interval: 100ms, http: "http://127.0.0.1/a" }
            """)
        #expect(Planner.plan(suite, selected: [0]).map(\.due) == [.zero, .milliseconds(100), .milliseconds(200)])
    }
}

@Suite("TCP checks against a live listener")
struct TCPCheckRunTests {
    @Test func bannerSendExpectAndFailures() async throws {
        let server = try await FixtureTCPServer.start(greeting: "READY test-cache") { $0 == "PING" ? "PONG" : nil }
        defer { Task { try? await server.shutdown() } }
        let report = try await RunHarness.run("""
            checks:
              - name: ping
                tcp: { address: "127.0.0.1:\(server.port)", send: "PING\\r\\n", expect: PONG }
                expect: { reply: READY }
              - name: wrong reply
                tcp: { address: "127.0.0.1:\(server.port)", send: "HELLO\\r\\n", expect: PONG, read_timeout: 300ms }
              - name: closed port
                tcp: { address: "127.0.0.1:1" }
            """) { _ in .respond(.text("unused")) }
        let ping = try #require(RunHarness.result(report, "ping"))
        #expect(ping.status == .pass, "\(ping.message ?? "")")
        #expect(ping.phases["connect"] != nil && ping.phases["reply"] != nil)
        let wrong = try #require(RunHarness.result(report, "wrong reply"))
        #expect(wrong.failures.first?.reason == .readTimeout)
        #expect(RunHarness.result(report, "closed port")?.failures.first?.reason == .connectionRefused)
    }
}
