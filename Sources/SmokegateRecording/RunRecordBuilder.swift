import Foundation
import SmokegateHistory
import SmokegateModel
import SmokegateStats
import SmokegateVerdict
import SmokegateVocabulary

/// A finished run's or watch's report as the history records it: one result per check × environment that ran,
/// its comparisons, a watch's downtime windows and cutovers, and the runbook's deployment and rollback rows the
/// command line asked for. Every text that could carry a secret (labels, reasons, messages) goes through the
/// suite's redactor; the report's own figures are copied, never recomputed.
public struct RunRecordBuilder: Sendable {
    public var request: RecordingRequest
    public var redactor: Redactor
    /// The latency histogram of each check × environment (`suite/check` and environment), when the caller kept the
    /// samples; a result without one is recorded with an empty histogram.
    public var histograms: [TargetKey: LatencyHistogram]

    public init(request: RecordingRequest, redactor: Redactor, histograms: [TargetKey: LatencyHistogram] = [:]) {
        self.request = request
        self.redactor = redactor
        self.histograms = histograms
    }

    /// The record of `report`. `rolledBack` is the stored row of the deployment `--rollback-of` names (nil when
    /// it is not recorded: the rollback row is then left out, since `rollback_logs` must refer to a deployment).
    public func record(_ report: RunReport, rolledBack: DeploymentRecord? = nil) -> RunRecord {
        let started = ReportTime.parse(report.startedAt) ?? Date()
        let finished = ReportTime.parse(report.finishedAt) ?? started.addingTimeInterval(report.durationSeconds)
        var record = RunRecord(
            id: UUID(uuidString: report.runID) ?? UUID(),
            kind: report.watch == nil ? .run : .watch,
            suites: Self.ordered(report.checks.map(\.suite)),
            startedAt: started,
            finishedAt: finished,
            decision: report.decision.rawValue,
            exitCode: Int(report.exitCode.code),
            environments: report.environments.map(\.name),
            labels: Dictionary(uniqueKeysWithValues: request.labels.map { ($0.key, redactor.redact($0.value)) }),
            results: results(report),
            comparisons: (report.comparisons ?? []).map { comparison in
                ComparisonRecord(
                    check: comparison.check, baselineEnvironment: comparison.baseline.environment,
                    candidateEnvironment: comparison.candidate.environment, decision: comparison.decision.rawValue,
                    reasons: [redactor.redact(comparison.reason)], pValue: comparison.decidingPValue
                )
            }
        )
        if let watch = report.watch {
            record.windows = windows(watch, started: started)
            record.cutovers = cutovers(watch, started: started)
        }
        if let deployment = request.deployment, let status = DeploymentStatus(verdictDecision: report.decision.rawValue) {
            let downtime = DeploymentRecord.downtime(of: record.windows)
            record.deployment = DeploymentRecord(
                id: deployment.id, version: deployment.version, status: status, startedAt: started, completedAt: finished,
                rollbackReason: status == .success ? nil : report.reasons.first.map(redactor.redact),
                downtimeMinutes: downtime.minutes, downtimeDetectedAt: downtime.detectedAt
            )
        }
        if let rollback = request.rollback, var deployment = rolledBack {
            let row = rollbackRow(rollback, report: report, started: started)
            record.rollback = row
            deployment.status = .rollback
            deployment.rollbackReason = row.reason
            record.deployment = deployment
        }
        return record
    }

    /// The `rollback_logs` row of a watch of the switch back: from the trigger (the watch's start unless
    /// `--triggered-at` says) until only the old version answers on every versioned target, which is where each
    /// target's cutover ends. Without a cutover on every versioned target the rollback did not complete.
    func rollbackRow(_ rollback: RecordingRequest.Rollback, report: RunReport, started: Date) -> RollbackRecord {
        let versioned = (report.watch?.targets ?? []).filter { $0.versions != nil }
        let ends = versioned.compactMap { target in
            target.cutover.flatMap { $0.to == target.currentVersion ? started.addingTimeInterval($0.endMs / 1000) : nil }
        }
        let completed = !versioned.isEmpty && ends.count == versioned.count ? ends.max() : nil
        return RollbackRecord(
            deploymentID: rollback.deploymentID, trigger: redactor.redact(rollback.trigger), type: rollback.type,
            triggeredAt: rollback.triggeredAt ?? started, completedAt: completed,
            success: completed != nil && report.decision == .pass,
            reason: redactor.redact(rollback.reason ?? rollback.trigger)
        )
    }

    private func results(_ report: RunReport) -> [CheckResultRecord] {
        let targets = Dictionary((report.watch?.targets ?? []).map { (TargetKey(suite: $0.suite, check: $0.check, environment: $0.environment), $0) },
                                 uniquingKeysWith: { first, _ in first })
        let observed = report.watch?.observedSeconds
        return report.checks.flatMap { check in
            check.results.filter { $0.status != .skipped }.map { result in
                let key = TargetKey(suite: check.suite, check: check.name, environment: result.environment)
                let target = targets[key]
                return CheckResultRecord(
                    suite: check.suite, check: check.name, environment: result.environment,
                    samples: result.samplesCompleted, failed: result.samplesFailed,
                    failuresByReason: result.failures.reduce(into: [:]) { $0[$1.reason.rawValue, default: 0] += $1.count },
                    p50Ms: result.latency?.p50Ms, p95Ms: result.latency?.p95Ms, p99Ms: result.latency?.p99Ms,
                    latency: histograms[key] ?? LatencyHistogram(),
                    observedSeconds: target == nil ? nil : observed,
                    downtimeSeconds: target.map { $0.downtimeMs / 1000 }
                )
            }
        }
    }

    private func windows(_ watch: WatchReport, started: Date) -> [DowntimeWindowRecord] {
        watch.targets.flatMap { target in
            target.windows.map { window in
                DowntimeWindowRecord(
                    target: HistoryTarget.key(check: target.check, environment: target.environment),
                    startedAt: started.addingTimeInterval(window.startMs / 1000),
                    endedAt: window.endMs.map { started.addingTimeInterval($0 / 1000) },
                    durationSeconds: window.durationMs / 1000, failedProbes: window.failedProbes,
                    reasons: window.reasons.reduce(into: [:]) { $0[$1.key.rawValue] = $1.value }
                )
            }
        }
    }

    private func cutovers(_ watch: WatchReport, started: Date) -> [CutoverRecord] {
        watch.targets.compactMap { target in
            target.cutover.map { cutover in
                CutoverRecord(
                    target: HistoryTarget.key(check: target.check, environment: target.environment),
                    fromVersion: redactor.redact(cutover.from), toVersion: redactor.redact(cutover.to),
                    startedAt: started.addingTimeInterval(cutover.firstNewMs / 1000),
                    completedAt: target.currentVersion == cutover.to ? started.addingTimeInterval(cutover.lastOldMs / 1000) : nil,
                    mixedSeconds: cutover.mixedMs / 1000, flaps: cutover.flaps, rolledBack: cutover.rolledBack
                )
            }
        }
    }

    /// Distinct values in first-seen order.
    static func ordered(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
