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

extension SyntheticReport {
    /// A watch of a cutover from `old` to `new` (hostile names with `hostile`): a route target with one 300 ms window
    /// at +1 s and the versions before and after it, and a second target that stayed up on `new`.
    static func watch(hostile: Bool) async throws -> RunReport {
        var report = try await comparison(checks: 1)
        report.comparisons = nil
        let old = hostile ? "1.4.2 \(scriptName)" : "1.4.2", new = hostile ? "1.5.0 \(attributeBreak)" : "1.5.0"
        let failure = hostile ? "expected status 200, got 503: \(scriptName)" : "expected status 200, got 503"
        let window = WatchReport.Window(startedAt: "2026-12-06T11:00:01.000Z", startMs: 1000, endedAt: "2026-12-06T11:00:01.300Z", endMs: 1300,
                                        durationMs: 300, ongoing: false, failedProbes: 6, reasons: [.status: 6], firstFailure: failure, uncertaintyMs: 50)
        let cutover = WatchReport.Cutover(from: old, to: new, firstNewMs: 1300, lastOldMs: 950, startedAt: "2026-12-06T11:00:00.950Z", startMs: 950,
                                          endMs: 1300, windowMs: 350, mixedMs: 0, flaps: 0, flapTimesMs: [], rolledBack: false)
        func target(_ environment: String, windows: [WatchReport.Window], timeline: [WatchReport.Segment], cutover: WatchReport.Cutover?) -> WatchReport.Target {
            WatchReport.Target(check: report.checks[0].name, suite: report.checks[0].suite, environment: environment, target: "http://127.0.0.1:1/health",
                               state: .up, downSinceMs: nil, probesScheduled: 60, probesCompleted: 60, probesFailed: windows.isEmpty ? 0 : 6,
                               probesMissed: 0, probesCutShort: 0, unansweredSinceMs: nil, maxInFlight: 21, peakInFlight: 1,
                               errorRate: windows.isEmpty ? 0 : 0.1, availability: windows.isEmpty ? 1 : 0.9, downtimeMs: windows.isEmpty ? 0 : 300,
                               longestWindowMs: windows.isEmpty ? 0 : 300, windowCount: windows.count, windows: windows, windowsOmitted: 0, latency: nil,
                               perMinute: [], versions: nil, currentVersion: new, timeline: timeline, timelineOmitted: 0, cutover: cutover, gates: [])
        }
        let route = target("route", windows: [window], timeline: [.init(version: old, firstMs: 0, lastMs: 950, probes: 20),
                                                                 .init(version: new, firstMs: 1300, lastMs: 2950, probes: 34)], cutover: cutover)
        let green = target("green", windows: [], timeline: [.init(version: new, firstMs: 0, lastMs: 2950, probes: 60)], cutover: nil)
        report.watch = WatchReport(intervalMs: 50, durationPlannedSeconds: 3, until: nil, untilMetAtMs: nil, endedBy: .duration, checkpoint: false,
                                   observedSeconds: 3, windowUncertaintyMs: 50, targets: [route, green])
        return report
    }
}
