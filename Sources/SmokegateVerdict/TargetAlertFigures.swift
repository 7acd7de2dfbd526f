import Foundation
import SmokegateModel
import SmokegateStats
import SmokegateVocabulary

/// What an alert says of one target (a check in an environment): the figures a person deciding whether to act
/// needs, taken from a run's report or from what `serve` holds, computed here so that messages only format them.
public struct TargetAlertFigures: Sendable, Hashable, Codable {
    public var suite: String
    public var check: String
    public var environment: String
    /// The version the target answers with (`version_from`), else the one it must answer with.
    public var version: String?
    /// The first failure's reason, nil when none failed.
    public var reason: FailureReason?
    /// The first failure in words, or the sentence that explains the result.
    public var message: String?
    /// Failed probes over finished probes (in `serve`: over the last hour's probes it holds).
    public var errorRate: Double?
    public var p95Ms: Double?
    /// Time down so far (watch and serve; absent for a run, which measures no windows).
    public var downtimeSeconds: Double?

    public var key: TargetKey { TargetKey(suite: suite, check: check, environment: environment) }

    public init(key: TargetKey) {
        suite = key.suite
        check = key.check
        environment = key.environment
    }

    /// A served target as it stands at `now`: its open window's first failure (else its latest probe's), the error
    /// rate and p95 over the last hour, its downtime so far.
    public static func serve(_ target: MonitoredTarget, at now: Date) -> TargetAlertFigures {
        let status = ServeStatusBuilder.target(target, now: now)
        var figures = TargetAlertFigures(key: target.key)
        figures.version = target.version
        if let open = target.windows.last, open.end == nil, target.status == .down {
            figures.reason = open.firstReason
            figures.message = open.firstMessage
        } else if let last = target.last, !last.passed {
            figures.reason = last.reason
            figures.message = last.message
        }
        let hour = target.recent.within(.seconds(3600), of: now)
        figures.errorRate = hour.isEmpty ? nil : Double(hour.count { $0.failed }) / Double(hour.count)
        figures.p95Ms = status.latency?.p95Ms
        figures.downtimeSeconds = status.downtimeSeconds
        return figures
    }

    /// The targets a run's alert names: every failed check result; for a comparison that did not promote, the
    /// candidate's side of each check it did not pass; for a watch, every target whose gates failed. In report order.
    public static func run(_ report: RunReport) -> [TargetAlertFigures] {
        var notable: [TargetKey] = []
        func note(_ key: TargetKey) { if !notable.contains(key) { notable.append(key) } }
        for check in report.checks {
            for result in check.results where result.status == .fail { note(TargetKey(suite: check.suite, check: check.name, environment: result.environment)) }
        }
        for comparison in report.comparisons ?? [] where comparison.decision != .pass {
            note(TargetKey(suite: comparison.suite, check: comparison.check, environment: comparison.candidate.environment))
        }
        for target in report.watch?.targets ?? [] where target.gates.contains(where: { !$0.passed }) || target.cutover?.rolledBack == true {
            note(TargetKey(suite: target.suite, check: target.check, environment: target.environment))
        }
        return notable.map { key in figures(of: key, in: report) }
    }

    private static func figures(of key: TargetKey, in report: RunReport) -> TargetAlertFigures {
        var figures = TargetAlertFigures(key: key)
        let result = report.checks.first { $0.suite == key.suite && $0.name == key.check }?.results.first { $0.environment == key.environment }
        let comparison = report.comparisons?.first { $0.suite == key.suite && $0.check == key.check && $0.candidate.environment == key.environment }
        let watched = report.watch?.targets.first { $0.suite == key.suite && $0.check == key.check && $0.environment == key.environment }
        figures.reason = result?.failures.first?.reason
        figures.message = watched?.gates.first { !$0.passed }?.message
            ?? comparison.flatMap { $0.decision == .pass ? nil : $0.reason } ?? result?.message
        figures.errorRate = watched?.errorRate ?? result?.errorRate
        figures.p95Ms = watched?.latency?.p95Ms ?? result?.latency?.p95Ms
        figures.version = watched?.currentVersion ?? result?.versions?.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? result?.expectedVersion
        figures.downtimeSeconds = watched.map { $0.downtimeMs / 1000 }
        return figures
    }
}
