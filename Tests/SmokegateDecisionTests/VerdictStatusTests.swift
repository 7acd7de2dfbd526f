@testable import SmokegateModel
@testable import SmokegateVerdict
@testable import SmokegateVocabulary
import Testing

/// Each check result's status as `VerdictBuilder` decides it from made-up samples, and what the status adds to the
/// verdict: a failure a reason, a flaky pass a warning, a skip or an unfinished check nothing of its own.
@Suite("Verdict building: check statuses, without servers")
struct VerdictStatusTests {
    /// Blue and green, and `checks` (flow mappings, one a line), in a file named `suite`.
    static func run(_ checks: String...) async throws -> SyntheticRun {
        try await SyntheticRun(yaml: SyntheticRun.blueAndGreen + "checks:\n" + checks.map { "  - \($0)\n" }.joined())
    }

    static let health = "{ name: health, samples: 5, http: GET /health }"

    @Test func everySamplePassingIsAPassWithNothingToSay() async throws {
        let run = try await Self.run(Self.health)
        let report = run.build(Sample.madeUp(environment: "blue", count: 5) + Sample.madeUp(environment: "green", count: 5))
        let results = try #require(report.checks.first?.results)
        #expect(results.map(\.status) == [.pass, .pass])
        #expect(results.allSatisfy { $0.message == nil && $0.samplesCompleted == 5 && $0.samplesFailed == 0 })
        #expect(report.decision == .pass)
        #expect(report.exitCode.code == 0)
        #expect(report.reasons.isEmpty && report.warnings.isEmpty)
    }

    @Test func aFailedSampleFailsTheCheckAndTheRunWithTheFirstFailuresMessage() async throws {
        // One of blue's samples failed, two of green's: the message counts them only when there is more than one.
        let run = try await Self.run(Self.health)
        let report = run.build(Sample.madeUp(environment: "blue", count: 5, failing: [4])
            + Sample.madeUp(environment: "green", count: 5, failing: [1, 3]))
        let results = try #require(report.checks.first?.results)
        #expect(results.map(\.status) == [.fail, .fail])
        #expect(results[0].message == "expected status 200, got 503")
        #expect(results[1].message == "expected status 200, got 503 (2 of 5 samples failed)")
        #expect(results[1].samplesFailed == 2 && results[1].errorRate == 0.4)
        #expect(results[1].failures.first?.count == 2 && results[1].failures.first?.firstSample == 1)
        #expect(report.reasons == ["suite/health failed in blue: expected status 200, got 503",
                                   "suite/health failed in green: expected status 200, got 503 (2 of 5 samples failed)"])
        #expect(report.decision == .fail)
        #expect(report.exitCode.code == 1)
    }

    @Test func aSampleRescuedByARetryIsFlakyAWarningNotAReason() async throws {
        let run = try await Self.run("{ name: health, samples: 5, retries: 1, http: GET /health }")
        var blue = Sample.madeUp(environment: "blue", count: 5)
        blue[2] = Sample.madeUp(environment: "blue", index: 2, rescued: .unavailable)
        let report = run.build(blue + Sample.madeUp(environment: "green", count: 5))
        let result = try #require(report.checks.first?.results.first)
        #expect(result.status == .flaky)
        #expect(result.samplesRescued == 1 && result.samplesFailed == 0)
        #expect(result.message == "1 of 5 samples passed only after a retry; first failure: expected status 200, got 503")
        #expect(report.decision == .pass)
        #expect(report.exitCode.code == 0)
        #expect(report.reasons.isEmpty)
        #expect(report.warnings == ["suite/health passed in blue only after retries: 1 of 5 samples passed only after a retry; "
                                    + "first failure: expected status 200, got 503"])
        // Flaky held: it counts with the passed checks, and as flaky in the totals.
        #expect(report.environments.first?.checksPassed == 1)
        #expect(report.totals.results == [.flaky: 1, .pass: 1])
    }

    @Test func aCheckLeftOutByTagIsSkippedAndDoesNotFailTheRun() async throws {
        let run = try await Self.run("{ name: health, samples: 5, tags: [critical], http: GET /health }",
                                     "{ name: cart, samples: 5, http: GET /cart }")
        // Only the selected check was probed.
        let report = run.build(Sample.madeUp(environment: "blue", count: 5) + Sample.madeUp(environment: "green", count: 5), tags: ["critical"])
        let cart = try #require(report.checks.first { $0.name == "cart" })
        #expect(cart.results.map(\.status) == [.skipped, .skipped])
        #expect(cart.results.allSatisfy { $0.skipReason == "not selected by --tag critical" && $0.samplesCompleted == 0 })
        #expect(report.decision == .pass)
        #expect(report.reasons.isEmpty)
        #expect(report.totals.results == [.pass: 2, .skipped: 2])
        #expect(report.environments.map(\.checksPassed) == [1, 1])
    }

    @Test func aCheckNotDefinedForAnEnvironmentIsSkippedThere() async throws {
        let run = try await Self.run("{ name: health, samples: 5, environments: [green], http: GET /health }")
        let report = run.build(Sample.madeUp(environment: "green", count: 5))
        let results = try #require(report.checks.first?.results)
        #expect(results.map(\.environment) == ["blue", "green"])
        #expect(results.map(\.status) == [.skipped, .pass])
        #expect(results[0].skipReason == "the check does not run in environment 'blue'")
        #expect(results[0].target == nil && results[0].samplesPlanned == 0)
        #expect(report.decision == .pass)
        #expect(report.environments.first?.probes == 0)
    }

    @Test func aCheckInterruptedBeforeItsSamplesFinishedIsNotRun() async throws {
        // Two of blue's five samples came back, none of green's, when SIGINT arrived.
        let run = try await Self.run(Self.health)
        let report = run.build(Array(Sample.madeUp(environment: "blue", count: 5).prefix(2)), planned: 10, interruption: .sigint)
        let results = try #require(report.checks.first?.results)
        #expect(results.map(\.status) == [.notRun, .notRun])
        #expect(results.map(\.message) == ["interrupted after 2 of 5 samples", "interrupted after 0 of 5 samples"])
        #expect(report.totals.results == [.notRun: 2])
        #expect(report.decision == .interrupted)
        #expect(report.reasons == ["interrupted: SIGINT arrived after 2 of 10 probes; checks not finished are marked not_run"])
    }

    @Test func aFailureBeforeTheInterruptionStillFailsTheCheck() async throws {
        let run = try await Self.run(Self.health)
        let report = run.build(Array(Sample.madeUp(environment: "blue", count: 5, failing: [1]).prefix(3)), planned: 10, interruption: .sigterm)
        let results = try #require(report.checks.first?.results)
        #expect(results.map(\.status) == [.fail, .notRun])
        #expect(report.decision == .interrupted)
        #expect(report.exitCode.code == 143)
        #expect(report.reasons == ["interrupted: SIGTERM arrived after 3 of 10 probes; checks not finished are marked not_run",
                                   "suite/health failed in blue: expected status 200, got 503"])
    }

    @Test func aCheckWithALatencyLimitInterruptedBeforeAnySampleIsNotRun() async throws {
        // docs/config.md: not_run is "interrupted before the check's samples finished, and none had failed".
        let run = try await Self.run(#"{ name: health, samples: 5, http: GET /health, expect: { latency: "p95 < 300ms" } }"#)
        let report = run.build(Array(Sample.madeUp(environment: "blue", count: 5).prefix(2)), planned: 10, interruption: .sigint)
        let results = try #require(report.checks.first?.results)
        // Blue's two samples meet the limit: not_run, as without one.
        #expect(results[0].status == .notRun, "\(results[0].message ?? "")")
        #expect(results[1].status == .notRun, "\(results[1].message ?? "")")
        #expect(report.reasons.count == 1, "\(report.reasons)")
    }
}
