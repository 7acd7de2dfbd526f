import Foundation
import SmokegateModel
import SmokegateStats
import SmokegateVocabulary

/// Turns a watch's state into a `RunReport`: windows, timelines and figures per target, every watch gate
/// evaluated, and the decision. Used for checkpoints while watching and for the final report.
public struct WatchVerdictBuilder: Sendable {
    public var suite: Suite
    public var tags: [String]
    public var toolVersion: String

    public init(suite: Suite, tags: [String], toolVersion: String) {
        self.suite = suite
        self.tags = tags
        self.toolVersion = toolVersion
    }

    /// A checkpoint is marked `running` with exit code 1: a gate that reads it before the watch ends must not
    /// promote on figures that are not final.
    public func build(_ state: WatchState, checkpoint: Bool, interruption: Interruption?) -> RunReport {
        let now = state.observedUntil
        let targets = self.targets(state)
        var assembly = ReportAssembly(suite: suite, tags: tags, toolVersion: toolVersion)
        var gates: [RunReport.ThresholdResult] = []
        var resultByTarget: [String: RunReport.CheckResult] = [:]
        for (target, report) in zip(state.targets, targets) {
            let check = suite.checks[target.check]
            for gate in report.gates {
                // A target a signal cut off before any probe finished is not_run: its unmeasured gates are no reason.
                let unmeasured = interruption != nil && target.probes == 0
                if !gate.passed, !unmeasured { assembly.reasons.append("\(check.qualifiedName) in \(target.environment): \(gate.message)") }
                gates.append(gate)
            }
            resultByTarget["\(target.check)/\(target.environment)"] = checkResult(target, report: report, definition: check.definitions[target.environment],
                                                                                 observed: min(now, state.elapsed), interrupted: interruption != nil)
        }
        // A watch's reasons are its failed gates, one per target, not the check results they fail.
        assembly.addChecks(failureReasons: false) { index, check, environment in
            resultByTarget["\(index)/\(environment.name)"] ?? CheckResultBuilder.build(
                check: check, index: index, environment: environment.name, selected: state.selected.contains(index), samples: [],
                interrupted: false, tags: tags, redactor: suite.redactor)
        }
        let environments = suite.environments.map { environment in
            let mine = state.targets.filter { $0.environment == environment.name }
            var latency = LatencyRecorder()
            for target in mine { latency.merge(target.latency) }
            return assembly.summary(environment, probes: mine.map(\.probes).reduce(0, +), failed: mine.map(\.failed).reduce(0, +),
                                    latency: LatencyDistribution(latency))
        }

        var decision: Decision = assembly.reasons.isEmpty ? .pass : .fail
        var note: String?
        if let interruption {
            note = "interrupted: \(interruption.rawValue) arrived after \(DurationText.format(state.elapsed)) of watching; the windows so far are reported"
        } else if checkpoint {
            decision = .running
            note = "checkpoint after \(DurationText.format(state.elapsed)): the watch was still running, so this is not a verdict"
        }
        let watch = WatchReport(
            intervalMs: state.plan.interval.milliseconds, durationPlannedSeconds: state.plan.duration.seconds,
            until: state.plan.until?.description, untilMetAtMs: state.untilMetAt.map(\.milliseconds),
            endedBy: checkpoint ? .running : (state.end ?? .duration), checkpoint: checkpoint,
            observedSeconds: (now.seconds * 1000).rounded() / 1000, windowUncertaintyMs: state.plan.interval.milliseconds, targets: targets)
        return assembly.report(
            runID: state.runID, startedAt: state.startedAt, elapsed: state.elapsed, decision: decision, interruption: interruption,
            interruptionReason: note, concurrency: state.targets.map(\.maxInFlight).reduce(0, +),
            totals: .init(checks: suite.checks.count, probesPlanned: state.targets.map(\.scheduled).reduce(0, +),
                          probesCompleted: state.targets.map(\.probes).reduce(0, +), probesFailed: state.targets.map(\.failed).reduce(0, +),
                          results: assembly.counts),
            environments: environments, gates: gates, comparisons: nil, watch: watch)
    }
}
