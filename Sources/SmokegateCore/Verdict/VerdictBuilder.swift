import Foundation

/// Folds a run's samples into statistics, evaluates every limit and decides: the only place a verdict is computed.
public struct VerdictBuilder {
    /// How the run ended early, if it did.
    public enum Interruption: String, Sendable {
        case sigint = "SIGINT", sigterm = "SIGTERM"
        /// The run's total deadline (`--deadline`) passed.
        case deadline

        public var exitCode: Int32 {
            switch self {
            case .sigint: 130
            case .sigterm: 143
            case .deadline: 4
            }
        }
    }

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

    public func build(_ outcome: Runner.Outcome, interruption: Interruption?) -> RunReport {
        var byCheck: [Int: [String: [Sample]]] = [:]
        for sample in outcome.samples { byCheck[sample.check, default: [:]][sample.environment, default: []].append(sample) }

        var reasons: [String] = []
        var warnings: [String] = []
        var checks: [RunReport.CheckReport] = []
        var counts: [String: Int] = [:]
        var passedPerEnvironment: [String: Int] = [:], failedPerEnvironment: [String: Int] = [:]
        for (index, check) in suite.checks.enumerated() {
            var results: [RunReport.CheckResult] = []
            for environment in suite.environments {
                let samples = byCheck[index]?[environment.name] ?? []
                let result = CheckResultBuilder.build(check: check, index: index, environment: environment.name,
                                                      selected: selected.contains(index), samples: samples,
                                                      interrupted: interruption != nil, tags: tags, redactor: suite.redactor)
                counts[result.status, default: 0] += 1
                if result.status == "flaky" {
                    warnings.append("\(check.qualifiedName) passed in \(environment.name) only after retries: \(result.message ?? "see report")")
                }
                if result.status == "fail" {
                    failedPerEnvironment[environment.name, default: 0] += 1
                    reasons.append("\(check.qualifiedName) failed in \(environment.name): \(result.message ?? "see report")")
                } else if result.status == "pass" || result.status == "flaky" {
                    passedPerEnvironment[environment.name, default: 0] += 1
                }
                results.append(result)
            }
            checks.append(RunReport.CheckReport(name: check.name, suite: check.suite, file: check.location.file, line: check.location.line,
                                                kind: check.definitions.values.first?.probe.kind ?? "http", tags: check.tags, results: results))
        }

        var environments: [RunReport.EnvironmentSummary] = []
        var gates: [RunReport.ThresholdResult] = []
        for environment in suite.environments {
            let samples = outcome.samples.filter { $0.environment == environment.name }
            let failed = samples.filter { !$0.passed }.count
            let distribution = LatencyDistribution(microseconds: samples.compactMap(\.measurement.latency))
            let errorRate = samples.isEmpty ? nil : Double(failed) / Double(samples.count)
            environments.append(RunReport.EnvironmentSummary(
                name: environment.name, baseURL: environment.baseURL.map(suite.redactor.redact),
                connectTo: environment.connectTo.map(suite.redactor.redact), probes: samples.count, failed: failed, errorRate: errorRate,
                latency: distribution.map(RunReport.LatencyFigures.init),
                checksPassed: passedPerEnvironment[environment.name] ?? 0, checksFailed: failedPerEnvironment[environment.name] ?? 0))
            for gate in suite.gates {
                var result = ThresholdEvaluation.evaluate(gate.threshold, distribution: distribution, errorRate: errorRate,
                                                          probes: samples.count, failed: failed)
                result.environment = environment.name
                result.file = gate.location.file
                result.line = gate.location.line
                if !result.passed { reasons.append("gate \(gate.threshold) failed in \(environment.name): \(result.message)") }
                gates.append(result)
            }
        }

        var failed = !reasons.isEmpty
        var decision = failed ? "fail" : "pass"
        var comparisons: [ComparisonReport]?
        if let policy = suite.comparison {
            let compared = ComparisonBuilder.decide(suite.checks.indices.filter(selected.contains).compactMap { index in
                ComparisonBuilder.measure(check: suite.checks[index], samples: byCheck[index] ?? [:], policy: policy)
            })
            comparisons = compared
            for comparison in compared where comparison.decision != "pass" {
                reasons.append("\(comparison.suite)/\(comparison.check) \(comparison.decision): \(comparison.reason)")
            }
            // A significant regression or a candidate gate failing is a rollback. Failed samples are judged by the
            // error comparison (Fisher), not one by one: a check that failed somewhere while its comparison cannot
            // tell (too few samples, not significant), or a baseline gate failing, is a hold for a person to look at.
            let candidateFailed = compared.contains { $0.decision == "fail" }
                || gates.contains { $0.environment == policy.candidate && !$0.passed }
            let unsure = compared.contains { $0.decision == "inconclusive" } || failed
            decision = candidateFailed ? "rollback" : (unsure ? "hold" : "promote")
            failed = candidateFailed
        }
        let exitCode: Int32 = interruption?.exitCode ?? (decision == "hold" ? 3 : (failed ? 1 : 0))
        if let interruption {
            let what = switch interruption {
            case .deadline: "the run's deadline\(deadline.map { " of \(DurationText.format($0))" } ?? "") passed"
            case .sigint, .sigterm: "\(interruption.rawValue) arrived"
            }
            reasons.insert("interrupted: \(what) after \(outcome.samples.count) of \(outcome.planned) probes; checks not finished are marked not_run", at: 0)
        }
        var report = RunReport(
            tool: .init(name: "smokegate", version: toolVersion),
            runID: UUID().uuidString.lowercased(),
            startedAt: Timestamp.iso8601(outcome.startedAt), finishedAt: Timestamp.iso8601(outcome.finishedAt),
            durationSeconds: (outcome.elapsed.seconds * 1000).rounded() / 1000,
            decision: interruption == nil ? decision : "interrupted",
            exitCode: Int(exitCode), reasons: reasons, interrupted: interruption != nil, interruption: interruption?.rawValue,
            files: suite.files, concurrency: concurrency, tags: tags,
            totals: .init(checks: suite.checks.count, probesPlanned: outcome.planned, probesCompleted: outcome.samples.count,
                          probesFailed: outcome.samples.filter { !$0.passed }.count, results: counts),
            environments: environments, checks: checks, gates: gates, comparisons: comparisons)
        report.warnings = warnings
        return report
    }
}

/// Report timestamps: wall-clock time, UTC, millisecond precision.
enum Timestamp {
    static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
