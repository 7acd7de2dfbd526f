import Foundation
import SmokegateModel
import SmokegateStats
import SmokegateVocabulary

/// Evaluates the suite's gates over an environment's probes of the last `span`: what a rollout asks a service
/// that has been probing all along.
public enum ServeVerdictBuilder {
    /// Gates when the suite names none: any failed probe is one too many for a rollout step.
    public static let defaultGates = [Threshold(metric: .errorRate, comparison: .lessThan, limit: 0.01, limitText: "1%")]

    /// nil when the suite has no environment of that name.
    public static func build(_ snapshot: MonitorSnapshot, environment: String, span: Duration) -> ServeVerdict? {
        guard snapshot.suite.environments.contains(where: { $0.name == environment }) else { return nil }
        let now = snapshot.takenAt
        let mine = snapshot.targets.filter { $0.key.environment == environment }
        let probes = mine.flatMap { $0.recent.within(span, of: now) }
        let failed = probes.count { $0.failed }
        let errorRate = probes.isEmpty ? nil : Double(failed) / Double(probes.count)
        let distribution = LatencyDistribution(microseconds: probes.compactMap(\.latency))
        let thresholds = snapshot.suite.gates.isEmpty ? defaultGates : snapshot.suite.gates.map(\.threshold)
        let gates = thresholds.map { threshold in
            var result = ThresholdEvaluation.evaluate(threshold, distribution: distribution, errorRate: errorRate, probes: probes.count, failed: failed)
            result.environment = environment
            return result
        }
        let decision: ServeVerdict.Outcome = probes.isEmpty ? .noData : (gates.allSatisfy(\.passed) ? .pass : .fail)
        var reasons = gates.filter { !$0.passed }.map { "gate \($0.threshold) failed in \(environment) over the last \(DurationText.format(span)): \($0.message)" }
        if probes.isEmpty { reasons = ["no probe of \(environment) finished in the last \(DurationText.format(span))"] }
        return ServeVerdict(environment: environment, spanSeconds: span.seconds, generatedAt: Timestamp.iso8601(now), decision: decision,
                            reasons: reasons, probes: probes.count, failed: failed, errorRate: errorRate, gates: gates,
                            down: mine.filter { $0.status == .down }.map { "\($0.key.suite)/\($0.key.check)" })
    }
}
