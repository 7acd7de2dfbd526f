import Foundation
@testable import SmokegateModel
import SmokegateTestSupport
@testable import SmokegateVerdict
import SmokegateVocabulary

/// Made-up samples for the decision layer: a suite loaded from YAML (never probed) and latencies drawn from a
/// seeded generator, folded by the real `VerdictBuilder`. No server, no clock: the same seed gives the same report.
struct SyntheticRun {
    let suite: Suite

    /// The environments most suites here run in, never probed: the start of a suite's YAML.
    static let blueAndGreen = """
        environments:
          blue: { base_url: "http://127.0.0.1:1" }
          green: { base_url: "http://127.0.0.1:2" }

        """

    /// A suite of `checks` HTTP checks in blue and green, with `compare` as its compare block's body.
    init(checks: Int, samples: Int, compare: String = "{ baseline: blue, candidate: green }") async throws {
        var yaml = Self.blueAndGreen + """
            compare: \(compare)
            checks:

            """
        for index in 0..<checks { yaml += "  - { name: check\(index), samples: \(samples), http: GET /\(index) }\n" }
        suite = try await TemporarySuite.load(yaml)
    }

    /// A suite written out in full: gates, tags, retries, versions, checks restricted to some environments.
    init(yaml: String) async throws {
        suite = try await TemporarySuite.load(yaml)
    }

    /// The report on `samples`, from a run that planned `planned` probes (all of them by default), selected the
    /// checks carrying one of `tags` (all without), and was stopped by `interruption` when one is given.
    func build(_ samples: [Sample], planned: Int? = nil, tags: [String] = [], interruption: Interruption? = nil,
               deadline: Duration? = nil) -> RunReport {
        var builder = VerdictBuilder(suite: suite, selected: suite.selectedChecks(tags: tags), tags: tags, concurrency: 1, toolVersion: "test")
        builder.deadline = deadline
        let outcome = RunOutcome(samples: samples, planned: planned ?? samples.count, startedAt: Date(timeIntervalSince1970: 0),
                                 finishedAt: Date(timeIntervalSince1970: 1), elapsed: .seconds(1), interrupted: interruption != nil)
        return builder.build(outcome, interruption: interruption)
    }

    /// Builds the report from latencies (µs) per check and environment; `failed` marks samples that failed.
    func report(_ latency: (_ check: Int, _ environment: String, _ sample: Int) -> Int64?,
                failed: (_ check: Int, _ environment: String, _ sample: Int) -> Bool = { _, _, _ in false }) -> RunReport {
        var samples: [Sample] = []
        for (index, check) in suite.checks.enumerated() {
            for environment in suite.environments {
                guard let definition = check.definitions[environment.name] else { continue }
                for sample in 0..<definition.samples {
                    let failures = failed(index, environment.name, sample) ? [Failure(reason: .status, message: "expected status 200, got 503")] : []
                    samples.append(Sample(check: index, environment: environment.name, index: sample, scheduled: .zero, started: .zero, attempts: 1,
                                          failures: failures, rescuedFailures: [], measurement: ProbeMeasurement(latency: latency(index, environment.name, sample))))
                }
            }
        }
        return build(samples)
    }
}

/// Latencies as services produce them: log-normal around a median, with a long right tail.
struct LatencyModel {
    var medianMicroseconds: Double
    var sigma: Double

    /// One latency in microseconds.
    func draw(_ random: inout FuzzRandom) -> Int64 {
        // Box–Muller: a standard normal from two uniforms.
        let u1 = max(Double.random(in: 0..<1, using: &random), 1e-12), u2 = Double.random(in: 0..<1, using: &random)
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        return Int64((medianMicroseconds * exp(sigma * normal)).rounded())
    }
}
