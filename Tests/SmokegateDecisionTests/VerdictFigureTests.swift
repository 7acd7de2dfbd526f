@testable import SmokegateModel
@testable import SmokegateVerdict
@testable import SmokegateVocabulary
import Testing

/// The figures `VerdictBuilder` reports beside the decision, from made-up samples: totals, environment summaries,
/// run-wide gates per environment, and the versions that answered.
@Suite("Verdict building: totals, summaries, gates and versions, without servers")
struct VerdictFigureTests {
    /// Three checks in blue and green: health passes in blue and fails once in green (a refused connection, so
    /// without a latency); cart runs in green only; search passes in blue only after a retry.
    static func mixedRun() async throws -> RunReport {
        let run = try await SyntheticRun(yaml: SyntheticRun.blueAndGreen + """
            checks:
              - { name: health, samples: 4, http: GET /health }
              - { name: cart, samples: 4, environments: [green], http: GET /cart }
              - { name: search, samples: 4, retries: 1, http: GET /search }
            """)
        var searchBlue = Sample.madeUp(check: 2, environment: "blue", count: 4)
        searchBlue[3] = Sample.madeUp(check: 2, environment: "blue", index: 3, rescued: .unavailable)
        return run.build(Sample.madeUp(check: 0, environment: "blue", count: 4)
            + Sample.madeUp(check: 0, environment: "green", count: 4, failing: [2], failure: .refused) { $0 == 2 ? nil : 10 }
            + Sample.madeUp(check: 1, environment: "green", count: 4)
            + searchBlue + Sample.madeUp(check: 2, environment: "green", count: 4))
    }

    @Test func totalsCountProbesPlannedCompletedAndFailedAndResultsByStatus() async throws {
        let totals = try await Self.mixedRun().totals
        #expect(totals.checks == 3)
        #expect(totals.probesPlanned == 20 && totals.probesCompleted == 20 && totals.probesFailed == 1)
        #expect(totals.results == [.pass: 3, .fail: 1, .skipped: 1, .flaky: 1])
    }

    @Test func environmentSummariesCountProbesFailuresAndCheckResults() async throws {
        let environments = try await Self.mixedRun().environments
        #expect(environments.map(\.name) == ["blue", "green"])
        let blue = environments[0], green = environments[1]
        #expect(blue.probes == 8 && blue.failed == 0 && blue.errorRate == 0)
        // Flaky held: search counts with the passed checks.
        #expect(blue.checksPassed == 2 && blue.checksFailed == 0)
        #expect(green.probes == 12 && green.failed == 1 && green.errorRate == 1.0 / 12)
        #expect(green.checksPassed == 2 && green.checksFailed == 1)
        // The refused probe has no latency: the figures rest on the eleven that have one.
        #expect(blue.latency?.n == 8 && green.latency?.n == 11)
        #expect(blue.baseURL == "http://127.0.0.1:1")
    }

    @Test func aRunWideGateIsEvaluatedInEachEnvironmentWithValueLimitAndN() async throws {
        let run = try await SyntheticRun(yaml: SyntheticRun.blueAndGreen + """
            gates:
              - p95 < 50ms
              - error_rate < 10%
            checks:
              - { name: health, samples: 20, http: GET /health }
            """)
        // Blue answers in 10…29 ms; green in 40…59 ms, and three of its answers are failures.
        let report = run.build(Sample.madeUp(environment: "blue", count: 20)
            + Sample.madeUp(environment: "green", count: 20, failing: [0, 5, 10]) { 40 + $0 })
        let gates = report.gates
        #expect(gates.map { "\($0.environment ?? "?") \($0.threshold)" } == ["blue p95 < 50ms", "blue error_rate < 10%", "green p95 < 50ms", "green error_rate < 10%"])
        // p95 of twenty values is the 19th: 28 ms in blue, 58 ms in green.
        #expect(gates.map(\.observed) == [28, 0, 58, 0.15])
        #expect(gates.map(\.limit) == [50, 0.1, 50, 0.1])
        #expect(gates.map(\.unit) == ["ms", "ratio", "ms", "ratio"])
        #expect(gates.map(\.n) == [20, 20, 20, 20])
        #expect(gates.map(\.passed) == [true, true, false, false])
        #expect(gates.map(\.message) == [
            "p95 28ms (n=20) is within < 50ms",
            "error_rate 0.00% (0 of 20 probes failed) is within < 10%",
            "p95 58ms (n=20) is not < 50ms",
            "error_rate 15.00% (3 of 20 probes failed) is not < 10%",
        ])
        // Where each gate is written: the suite's file, the gate's own line.
        #expect(gates.allSatisfy { $0.file?.hasSuffix("suite.yml") == true })
        #expect(gates.map(\.line) == [5, 6, 5, 6])
        #expect(Array(report.reasons.dropFirst()) == ["gate p95 < 50ms failed in green: p95 58ms (n=20) is not < 50ms",
                                                     "gate error_rate < 10% failed in green: error_rate 15.00% (3 of 20 probes failed) is not < 10%"])
    }

    @Test func aLatencyGateRestsOnAnsweredProbesAndTheErrorRateOnEveryProbe() async throws {
        let run = try await SyntheticRun(yaml: """
            environments:
              blue: { base_url: "http://127.0.0.1:1" }
            gates:
              - p95 < 1s
              - error_rate < 50%
            checks:
              - { name: health, samples: 10, http: GET /health }
            """)
        // Two of ten probes were refused: no latency, but failures all the same.
        let report = run.build(Sample.madeUp(environment: "blue", count: 10, failing: [3, 7], failure: .refused) { [3, 7].contains($0) ? nil : 10 })
        #expect(report.gates.map(\.n) == [8, 10])
        #expect(report.gates.last?.observed == 0.2)
        #expect(report.gates.last?.message == "error_rate 20.00% (2 of 10 probes failed) is within < 50%")
    }

    @Test func anEnvironmentWithNothingToMeasureFailsItsGatesSayingNZero() async throws {
        let run = try await SyntheticRun(yaml: SyntheticRun.blueAndGreen + """
            gates:
              - error_rate < 1%
              - p95 < 100ms
            checks:
              - { name: health, samples: 5, environments: [blue], http: GET /health }
            """)
        let report = run.build(Sample.madeUp(environment: "blue", count: 5))
        let green = report.gates.filter { $0.environment == "green" }
        #expect(green.map(\.passed) == [false, false])
        #expect(green.map(\.n) == [0, 0])
        #expect(green.map(\.observed) == [nil, nil])
        #expect(report.reasons == ["gate error_rate < 1% failed in green: no probes to measure error_rate on (n=0)",
                                   "gate p95 < 100ms failed in green: no latency samples to measure p95 on (n=0)"])
        #expect(report.decision == .fail)
    }

    @Test func anExpectedVersionAnsweredByAnotherFailsWithEveryVersionSeenAndItsCount() async throws {
        let run = try await SyntheticRun(yaml: """
            environments:
              blue: { base_url: "http://127.0.0.1:1", expect_version: v2 }
              green: { base_url: "http://127.0.0.1:2" }
            checks:
              - { name: version, samples: 5, version_from: header X-Version, http: GET /version }
            """)
        // What the probe records for a sample that named another version, or none (HTTPProbe).
        let other = Failure(reason: .version, message: "answered by version v1, expected v2")
        let none = Failure(reason: .version, message: "no version in the response (version_from), expected v2")
        let blue = [Sample.madeUp(index: 0, version: "v2"), Sample.madeUp(index: 1, failure: other, version: "v1"), Sample.madeUp(index: 2, version: "v2"),
                    Sample.madeUp(index: 3, failure: other, version: "v1"), Sample.madeUp(index: 4, failure: none)]
        let green = (0..<5).map { Sample.madeUp(environment: "green", index: $0, version: "v1") }
        let report = run.build(blue + green)
        let results = try #require(report.checks.first?.results)
        #expect(results[0].status == .fail)
        #expect(results[0].versions == ["v2": 2, "v1": 2, "(none)": 1])
        #expect(results[0].expectedVersion == "v2")
        // Most frequent first, ties by name: the stale route's answers are named with their share.
        #expect(results[0].message == "expected version v2 from every sample; seen: v1 ×2, v2 ×2, (none) ×1 (n=5)")
        #expect(report.reasons == ["suite/version failed in blue: expected version v2 from every sample; seen: v1 ×2, v2 ×2, (none) ×1 (n=5)"])
        // Green expects nothing: its versions are counted, and any of them passes.
        #expect(results[1].status == .pass)
        #expect(results[1].versions == ["v1": 5] && results[1].expectedVersion == nil)
    }

    @Test func aSampleWithoutAnAnswerCountsNoVersionAndItsOwnFailureExplainsTheCheck() async throws {
        let run = try await SyntheticRun(yaml: """
            environments:
              blue: { base_url: "http://127.0.0.1:1", expect_version: v2 }
            checks:
              - { name: version, samples: 3, version_from: header X-Version, http: GET /version }
            """)
        // Two answers from v2, one refused connection: no answer is not a stale route.
        let report = run.build([Sample.madeUp(index: 0, version: "v2"), Sample.madeUp(index: 1, latencyMs: nil, failure: .refused),
                                Sample.madeUp(index: 2, version: "v2")])
        let result = try #require(report.checks.first?.results.first)
        #expect(result.versions == ["v2": 2])
        #expect(result.status == .fail)
        #expect(result.message == "connection refused by 127.0.0.1:1", "\(result.message ?? "")")
    }
}
