import Foundation
import SmokegateModel
import SmokegateStats
import SmokegateVocabulary

/// What a run's verdict and a watch's share: every check's result in every environment of the run, folded into
/// check reports, counts and reasons; the environment summaries; the exit code; and the report itself.
struct ReportAssembly {
    let suite: Suite
    let tags: [String]
    let toolVersion: String
    private(set) var checks: [RunReport.CheckReport] = []
    private(set) var counts: [CheckStatus: Int] = [:]
    var reasons: [String] = []
    private(set) var warnings: [String] = []
    private var held: [String: Int] = [:], failed: [String: Int] = [:]

    init(suite: Suite, tags: [String], toolVersion: String) {
        self.suite = suite
        self.tags = tags
        self.toolVersion = toolVersion
    }

    /// Every check of the suite with its result in each environment; a failed result adds a reason only when
    /// `failureReasons` is set (a watch gives its gates as reasons instead), a flaky one always adds a warning.
    mutating func addChecks(failureReasons: Bool, _ result: (Int, Check, Environment) -> RunReport.CheckResult) {
        for (index, check) in suite.checks.enumerated() {
            let results = suite.environments.map { environment in
                let result = result(index, check, environment)
                counts[result.status, default: 0] += 1
                switch result.status {
                case .fail:
                    failed[environment.name, default: 0] += 1
                    if failureReasons { reasons.append("\(check.qualifiedName) failed in \(environment.name): \(result.message ?? "see report")") }
                case .flaky:
                    held[environment.name, default: 0] += 1
                    warnings.append("\(check.qualifiedName) passed in \(environment.name) only after retries: \(result.message ?? "see report")")
                case .pass:
                    held[environment.name, default: 0] += 1
                case .notRun where result.notRunCause == .dependency:
                    // Never the only reason: the check it waited for failed, or did not run, and says so itself.
                    if failureReasons { reasons.append("\(check.qualifiedName) \(result.message ?? "not run")") }
                case .skipped, .notRun:
                    break
                }
                return result
            }
            checks.append(RunReport.CheckReport(name: check.name, suite: check.suite, file: check.location.file, line: check.location.line,
                                                kind: check.definitions.values.first?.probe.kind ?? "http", tags: check.tags, results: results))
        }
    }

    /// One environment over the whole run, once its checks are added.
    func summary(_ environment: Environment, probes: Int, failed failedProbes: Int, latency: LatencyDistribution?) -> RunReport.EnvironmentSummary {
        RunReport.EnvironmentSummary(
            name: environment.name, baseURL: environment.baseURL.map(suite.redactor.redact),
            connectTo: environment.connectTo.map(suite.redactor.redact), probes: probes, failed: failedProbes,
            errorRate: probes == 0 ? nil : Double(failedProbes) / Double(probes), latency: latency.map(RunReport.LatencyFigures.init),
            checksPassed: held[environment.name] ?? 0, checksFailed: failed[environment.name] ?? 0)
    }

    /// The report, with an interruption overriding the decision (its reason first among the reasons).
    func report(runID: String, startedAt: Date, elapsed: Duration, decision: Decision, interruption: Interruption?, interruptionReason: String?,
                concurrency: Int, totals: RunReport.Totals, environments: [RunReport.EnvironmentSummary], gates: [RunReport.ThresholdResult],
                comparisons: [ComparisonReport]?, watch: WatchReport?) -> RunReport {
        var reasons = self.reasons
        if let interruptionReason { reasons.insert(interruptionReason, at: 0) }
        var report = RunReport(
            tool: .init(name: "smokegate", version: toolVersion), runID: runID,
            startedAt: Timestamp.iso8601(startedAt), finishedAt: Timestamp.iso8601(startedAt.addingTimeInterval(elapsed.seconds)),
            durationSeconds: (elapsed.seconds * 1000).rounded() / 1000,
            decision: interruption == nil ? decision : .interrupted, exitCode: interruption?.exitStatus ?? Self.exitStatus(of: decision),
            reasons: reasons, interrupted: interruption != nil, interruption: interruption,
            files: suite.files, concurrency: concurrency, tags: tags, totals: totals,
            environments: environments, checks: checks, gates: gates, comparisons: comparisons, watch: watch)
        report.warnings = warnings
        return report
    }

    /// The exit code a decision implies; a checkpoint (`running`) is not a pass.
    static func exitStatus(of decision: Decision) -> ExitStatus {
        switch decision {
        case .pass, .promote: .pass
        case .fail, .rollback, .running: .fail
        case .hold: .hold
        case .error: .usage
        case .interrupted: .sigint
        }
    }
}

/// Report timestamps: wall-clock time, UTC, millisecond precision; also `serve`'s documents and JSON log lines.
public enum Timestamp {
    public static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
