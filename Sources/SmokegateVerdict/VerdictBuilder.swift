import Foundation
import SmokegateModel
import SmokegateStats
import SmokegateVocabulary

/// Folds a run's samples into statistics, evaluates every limit and decides: the only place a run's verdict is
/// computed.
public struct VerdictBuilder {
    public var suite: Suite
    public var selected: Set<Int>
    public var tags: [String]
    public var concurrency: Int
    public var toolVersion: String
    /// The run's total deadline, named when it is what stopped the run.
    public var deadline: Duration?

    public init(suite: Suite, selected: Set<Int>, tags: [String], concurrency: Int, toolVersion: String) {
        self.suite = suite
        self.selected = selected
        self.tags = tags
        self.concurrency = concurrency
        self.toolVersion = toolVersion
    }

    public func build(_ outcome: RunOutcome, interruption: Interruption?) -> RunReport {
        var byCheck: [Int: [String: [Sample]]] = [:]
        for sample in outcome.samples { byCheck[sample.check, default: [:]][sample.environment, default: []].append(sample) }
        var blocked: [Int: [String: [BlockedProbe]]] = [:]
        for probe in outcome.blocked { blocked[probe.check, default: [:]][probe.environment, default: []].append(probe) }

        var assembly = ReportAssembly(suite: suite, tags: tags, toolVersion: toolVersion)
        assembly.addChecks(failureReasons: true) { index, check, environment in
            CheckResultBuilder.build(check: check, index: index, environment: environment.name, selected: selected.contains(index),
                                     samples: byCheck[index]?[environment.name] ?? [], interrupted: interruption != nil, tags: tags,
                                     redactor: suite.redactor, blocked: blocked[index]?[environment.name] ?? [],
                                     checkName: { suite.checks[$0].qualifiedName })
        }

        var environments: [RunReport.EnvironmentSummary] = []
        var gates: [RunReport.ThresholdResult] = []
        for environment in suite.environments {
            let samples = outcome.samples.filter { $0.environment == environment.name }
            let failed = samples.filter { !$0.passed }.count
            let distribution = LatencyDistribution(microseconds: samples.compactMap(\.measurement.latency))
            let summary = assembly.summary(environment, probes: samples.count, failed: failed, latency: distribution)
            environments.append(summary)
            for gate in suite.gates {
                var result = ThresholdEvaluation.evaluate(gate.threshold, distribution: distribution, errorRate: summary.errorRate,
                                                          probes: samples.count, failed: failed)
                result.environment = environment.name
                result.file = gate.location.file
                result.line = gate.location.line
                if !result.passed { assembly.reasons.append("gate \(gate.threshold) failed in \(environment.name): \(result.message)") }
                gates.append(result)
            }
        }

        var decision: Decision = assembly.reasons.isEmpty ? .pass : .fail
        var comparisons: [ComparisonReport]?
        if let policy = suite.comparison {
            let compared = ComparisonBuilder.decide(suite.checks.indices.filter(selected.contains).compactMap { index in
                ComparisonBuilder.measure(check: suite.checks[index], samples: byCheck[index] ?? [:], policy: policy)
            })
            comparisons = compared
            // A significant regression or a candidate gate failing is a rollback. Failed samples are judged by the
            // error comparison (Fisher), not one by one: a check that failed somewhere while its comparison cannot
            // tell (too few samples, not significant), or a baseline gate failing, is a hold for a person to look at.
            let candidateFailed = compared.contains { $0.decision == .fail } || gates.contains { $0.environment == policy.candidate && !$0.passed }
            let unsure = compared.contains { $0.decision == .inconclusive } || decision == .fail
            decision = candidateFailed ? .rollback : (unsure ? .hold : .promote)
            for comparison in compared where comparison.decision != .pass {
                assembly.reasons.append("\(comparison.suite)/\(comparison.check) \(comparison.decision): \(comparison.reason)")
            }
        }
        let interruptionReason = interruption.map { interruption in
            let what = switch interruption {
            case .deadline: "the run's deadline\(deadline.map { " of \(DurationText.format($0))" } ?? "") passed"
            case .sigint, .sigterm: "\(interruption.rawValue) arrived"
            }
            return "interrupted: \(what) after \(outcome.samples.count) of \(outcome.planned) probes; checks not finished are marked not_run"
        }
        return assembly.report(
            runID: UUID().uuidString.lowercased(), startedAt: outcome.startedAt, elapsed: outcome.elapsed, decision: decision,
            interruption: interruption, interruptionReason: interruptionReason, concurrency: concurrency,
            totals: .init(checks: suite.checks.count, probesPlanned: outcome.planned, probesCompleted: outcome.samples.count,
                          probesFailed: outcome.samples.filter { !$0.passed }.count, results: assembly.counts),
            environments: environments, gates: gates, comparisons: comparisons, watch: nil)
    }
}
