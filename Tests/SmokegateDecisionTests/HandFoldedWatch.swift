@testable import SmokegateModel
@testable import SmokegateStats
import SmokegateTestSupport
@testable import SmokegateVerdict
import SmokegateVocabulary

/// A watch without a scheduler: a suite loaded from YAML (never probed), its `WatchState`, and probes fed to each
/// target as the scheduler would report them, in the order a test chooses. Reports come from the real
/// `WatchVerdictBuilder`.
struct HandFoldedWatch {
    let suite: Suite
    var state: WatchState
    let builder: WatchVerdictBuilder

    /// One check, `health`, in each of `environments` (targets in that order); `gates` as the suite's `watch.gates`
    /// list (the default, `downtime <= 0s`, when nil); `version_from` set when `versioned`.
    init(environments: [String] = ["blue"], checks: [String] = ["health"], gates: [String]? = nil, versioned: Bool = false,
         interval: Duration = .milliseconds(100)) async throws {
        var yaml = "environments:\n"
        for (port, name) in environments.enumerated() { yaml += "  \(name): { base_url: \"http://127.0.0.1:\(port + 1)\" }\n" }
        if let gates { yaml += "watch:\n  gates: [\(gates.map { "\"\($0)\"" }.joined(separator: ", "))]\n" }
        yaml += "checks:\n"
        for check in checks { yaml += "  - { name: \(check), http: GET /\(check)\(versioned ? ", version_from: header X-Version" : "") }\n" }
        suite = try await TemporarySuite.load(yaml)
        state = WatchState(suite: suite, plan: WatchPlan(settings: suite.watch, interval: interval, duration: .seconds(60)), tags: [])
        builder = WatchVerdictBuilder(suite: suite, tags: [], toolVersion: "test")
    }

    /// Starts one probe of `target` at `startedMs` and finishes it at once: in order, as a fast target's probes are.
    /// A refused probe has no latency.
    mutating func probe(_ target: Int = 0, at startedMs: Int, failure: Failure? = nil, version: String? = nil) {
        let sequence = state.targets[target].scheduled - state.targets[target].missed
        state.targets[target].started()
        let sample = Sample.madeUp(check: state.targets[target].check, environment: state.targets[target].environment, index: sequence,
                                   startedMs: startedMs, latencyMs: failure?.reason == .connectionRefused ? nil : 5, failure: failure, version: version)
        _ = state.targets[target].receive(sequence: sequence, sample, due: .milliseconds(startedMs), target: target)
    }

    /// One probe of `target` every interval from `fromMs`, one per character of `pattern`: `.` passes, `x` is
    /// refused. `versions`, when given, names the version each answer came from, one per character too.
    mutating func probes(_ pattern: String, target: Int = 0, fromMs: Int = 0, versions: [String?]? = nil) {
        let every = Int(state.plan.interval.milliseconds)
        for (offset, mark) in pattern.enumerated() {
            probe(target, at: fromMs + offset * every, failure: mark == "x" ? .refused : nil, version: versions?[offset] ?? nil)
        }
    }

    /// The watch has run for `ms`; with `ended`, its schedule ended then (open windows count up to it).
    mutating func at(_ ms: Int, ended: WatchEnd? = .duration) {
        state.elapsed = .milliseconds(ms)
        state.scheduleEnded = ended == nil ? nil : .milliseconds(ms)
        state.end = ended
    }

    /// Every target's figures and gate results.
    var targets: [WatchReport.Target] { builder.targets(state) }

    /// The final report, a checkpoint's, or an interrupted watch's.
    func report(checkpoint: Bool = false, interruption: Interruption? = nil) -> RunReport {
        builder.build(state, checkpoint: checkpoint, interruption: interruption)
    }
}
