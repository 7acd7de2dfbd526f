@testable import SmokegateModel
@testable import SmokegateVerdict
@testable import SmokegateVocabulary
import Testing

/// The verdict's reasons and exit code as `VerdictBuilder` gives them from made-up samples: what a pipeline gates on
/// and what a person reads first.
@Suite("Verdict building: reasons and exit codes, without servers")
struct VerdictReasonTests {
    @Test func reasonsListFailedChecksThenGatesThenComparisons() async throws {
        // Ten samples a side against a minimum of twenty: both comparisons are inconclusive, after everything else.
        let run = try await SyntheticRun(yaml: SyntheticRun.blueAndGreen + """
            compare: { baseline: blue, candidate: green, min_samples: 20 }
            gates:
              - error_rate < 1%
            checks:
              - { name: cart, samples: 10, http: GET /cart }
              - { name: health, samples: 10, http: GET /health }
            """)
        let report = run.build(Sample.madeUp(check: 0, environment: "blue", count: 10)
            + Sample.madeUp(check: 0, environment: "green", count: 10, failing: [4])
            + Sample.madeUp(check: 1, environment: "blue", count: 10, failing: [0])
            + Sample.madeUp(check: 1, environment: "green", count: 10))
        #expect(Array(report.reasons.prefix(4)) == [
            "suite/cart failed in green: expected status 200, got 503",
            "suite/health failed in blue: expected status 200, got 503",
            "gate error_rate < 1% failed in blue: error_rate 5.00% (1 of 20 probes failed) is not < 1%",
            "gate error_rate < 1% failed in green: error_rate 5.00% (1 of 20 probes failed) is not < 1%",
        ])
        #expect(report.reasons.count == 6, "\(report.reasons)")
        #expect(report.reasons.dropFirst(4).map { $0.prefix(while: { $0 != ":" }) } == ["suite/cart inconclusive", "suite/health inconclusive"])
        #expect(report.reasons.dropFirst(4).allSatisfy { $0.hasSuffix("the minimum is 20 per environment).") }, "\(report.reasons)")
        // The candidate's gate failed: a rollback, whatever the comparisons could not tell.
        #expect(report.decision == .rollback)
        #expect(report.exitCode.code == 1)
    }

    /// One way to reach each decision: the suite's `compare:` block (none for a plain run) and the samples.
    enum Scenario: String, CaseIterable, CustomTestStringConvertible {
        case pass, fail, promote, hold, rollback

        var testDescription: String { rawValue }

        var compare: String {
            switch self {
            case .pass, .fail: ""
            case .promote, .rollback: "compare: { baseline: blue, candidate: green }\n"
            case .hold: "compare: { baseline: blue, candidate: green, min_samples: 50 }\n"
            }
        }

        /// Twenty samples a side; green fails one for `fail`, and is three times as slow for `rollback`.
        var samples: [Sample] {
            let green = switch self {
            case .fail: Sample.madeUp(environment: "green", count: 20, failing: [7])
            case .rollback: Sample.madeUp(environment: "green", count: 20) { 3 * (10 + $0) }
            default: Sample.madeUp(environment: "green", count: 20)
            }
            return Sample.madeUp(environment: "blue", count: 20) + green
        }

        var expected: (decision: Decision, code: Int32) {
            switch self {
            case .pass: (.pass, 0)
            case .fail: (.fail, 1)
            case .promote: (.promote, 0)
            case .hold: (.hold, 3)
            case .rollback: (.rollback, 1)
            }
        }
    }

    @Test(arguments: Scenario.allCases)
    func eachDecisionHasItsExitCode(scenario: Scenario) async throws {
        let run = try await SyntheticRun(yaml: SyntheticRun.blueAndGreen + scenario.compare + """
            checks:
              - { name: health, samples: 20, http: GET /health }
            """)
        let report = run.build(scenario.samples)
        #expect(report.decision == scenario.expected.decision, "\(report.reasons)")
        #expect(report.exitCode.code == scenario.expected.code)
        #expect(!report.interrupted && report.interruption == nil)
    }

    @Test(arguments: [(Interruption.sigint, Int32(130)), (.sigterm, 143), (.deadline, 4)])
    func anInterruptionHasItsOwnExitCodeAndComesFirstAmongTheReasons(interruption: Interruption, code: Int32) async throws {
        let run = try await SyntheticRun(yaml: SyntheticRun.blueAndGreen + """
            checks:
              - { name: health, samples: 5, http: GET /health }
            """)
        // Three of blue's samples came back, one of them failed; none of green's.
        let report = run.build(Array(Sample.madeUp(environment: "blue", count: 5, failing: [1]).prefix(3)), planned: 10,
                               interruption: interruption, deadline: .seconds(30))
        #expect(report.decision == .interrupted)
        #expect(report.exitCode.code == code)
        #expect(report.interrupted && report.interruption == interruption)
        let what = interruption == .deadline ? "the run's deadline of 30s passed" : "\(interruption.rawValue) arrived"
        #expect(report.reasons == ["interrupted: \(what) after 3 of 10 probes; checks not finished are marked not_run",
                                   "suite/health failed in blue: expected status 200, got 503"])
        #expect(report.totals.probesPlanned == 10 && report.totals.probesCompleted == 3)
    }
}
