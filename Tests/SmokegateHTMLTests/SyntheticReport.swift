import Foundation
import SmokegateModel
import SmokegateTestSupport
@testable import SmokegateVerdict
import SmokegateVocabulary

/// Run reports to render, folded by the real `VerdictBuilder` from made-up samples of a suite loaded from YAML: blue
/// and green compared, each probe with its five HTTP phases, some checks failing with grouped reasons, and
/// (optionally) names and messages written to break out of the markup. Deterministic: no clock, no randomness.
enum SyntheticReport {
    /// Check names and failure messages that must show as text.
    static let scriptName = "<script>alert(1)</script>"
    static let attributeBreak = "\"onload=alert(2) x=\""

    /// `checks` checks compared blue → green with `samples` each; every tenth fails in green (status 503 on a third of
    /// its samples, refused on one), every seventh is slower in green. With `hostile`, the first two checks are named
    /// `scriptName` and `attributeBreak`, and failure messages carry both.
    static func comparison(checks: Int, samples: Int = 30, hostile: Bool = false) async throws -> RunReport {
        var yaml = """
            environments:
              blue: { base_url: "http://127.0.0.1:1" }
              green: { base_url: "http://127.0.0.1:2" }
            compare: { baseline: blue, candidate: green }
            gates:
              - error_rate < 5%
            checks:

            """
        for index in 0..<checks {
            let name = hostile && index == 0 ? scriptName : (hostile && index == 1 ? attributeBreak : "check-\(index)")
            yaml += "  - { name: '\(name.replacingOccurrences(of: "'", with: "''"))', samples: \(samples), http: GET /\(index) }\n"
        }
        let suite = try await TemporarySuite.load(yaml)
        let message = hostile ? "expected status 200, got 503: \(scriptName) \(attributeBreak)" : "expected status 200, got 503"
        var all: [Sample] = []
        for index in 0..<checks {
            for environment in ["blue", "green"] {
                let slower = environment == "green" && index % 7 == 3
                let failing = environment == "green" && index % 10 == 1
                for sample in 0..<samples {
                    // A spread of latencies: 8–20 ms, 2.5× in a slower green.
                    let base = 8_000 + Int64((sample * 7919 + index * 104_729) % 12_000)
                    let latency = slower ? base * 5 / 2 : base
                    var failures: [Failure] = []
                    if failing && sample % 3 == 0 { failures = [Failure(reason: .status, message: message)] }
                    if failing && sample == 1 { failures = [Failure(reason: .connectionRefused, message: "connect to 127.0.0.1:2 refused")] }
                    let phases = [Phase("dns", latency / 20), Phase("connect", latency / 10), Phase("tls", latency / 5),
                                  Phase("server", latency / 2), Phase("transfer", latency - latency / 20 - latency / 10 - latency / 5 - latency / 2)]
                    all.append(Sample(check: index, environment: environment, index: sample, scheduled: .zero, started: .milliseconds(sample * 20),
                                      attempts: 1, failures: failures, rescuedFailures: [],
                                      measurement: ProbeMeasurement(latency: latency, phases: phases, status: failures.isEmpty ? 200 : 503)))
                }
            }
        }
        let builder = VerdictBuilder(suite: suite, selected: suite.selectedChecks(tags: []), tags: [], concurrency: 16, toolVersion: "test")
        let outcome = RunOutcome(samples: all, planned: all.count, startedAt: Date(timeIntervalSince1970: 1_800_000_000),
                                 finishedAt: Date(timeIntervalSince1970: 1_800_000_030), elapsed: .seconds(30), interrupted: false)
        return builder.build(outcome, interruption: nil)
    }
}
