import Foundation
import SmokegateModel
import SmokegateStats
/// Folds one check's samples in one environment into its result and status.
enum CheckResultBuilder {

    static func build(check: Check, index: Int, environment: String, selected: Bool, samples: [Sample],
                      interrupted: Bool, tags: [String], redactor: Redactor, blocked: [BlockedProbe] = [],
                      checkName: (Int) -> String = { "check \($0)" }, now: Date = Date()) -> RunReport.CheckResult {
        let definition = check.definitions[environment]
        var result = RunReport.CheckResult(
            environment: environment, status: .pass, target: definition.map { redactor.redact($0.probe.target) }, method: nil, insecure: false,
            samplesPlanned: definition?.samples ?? 0, samplesCompleted: samples.count, elapsedSeconds: elapsed(samples), samplesFailed: 0, samplesRescued: 0,
            errorRate: nil, latency: nil, phases: [:], statusCodes: [:], answeredBy: [], versions: nil, expectedVersion: nil, failures: [], failedSamples: [],
            thresholds: [], skipReason: nil, message: nil)
        if case .http(let spec)? = definition?.probe {
            result.method = spec.method
            result.proxy = spec.proxy.map { RunReport.ProxyUse(url: redactor.redact($0.label), from: $0.from) }
        }
        result.insecure = definition?.probe.insecure ?? false
        guard let definition else {
            result.status = .skipped
            result.skipReason = "the check does not run in environment '\(environment)'"
            return result
        }
        guard selected else {
            result.status = .skipped
            result.skipReason = "not selected by --tag \(tags.joined(separator: ","))"
            return result
        }

        let failing = samples.filter { !$0.passed }
        result.samplesFailed = failing.count
        result.samplesRescued = samples.filter(\.flaky).count
        result.errorRate = samples.isEmpty ? nil : Double(failing.count) / Double(samples.count)
        let distribution = LatencyDistribution(microseconds: samples.compactMap(\.measurement.latency))
        result.latency = distribution.map(RunReport.LatencyFigures.init)
        result.latencyQuantilesMs = quantiles(samples.compactMap(\.measurement.latency))
        var phaseValues: [String: [Int64]] = [:]
        for sample in samples {
            for phase in sample.measurement.phases { phaseValues[phase.name, default: []].append(phase.microseconds) }
        }
        for (name, values) in phaseValues {
            if let figures = LatencyDistribution(microseconds: values).map(RunReport.LatencyFigures.init) { result.phases[name] = figures }
        }
        for sample in samples {
            if let status = sample.measurement.status { result.statusCodes[String(status), default: 0] += 1 }
        }
        result.answeredBy = Array(Set(samples.compactMap(\.measurement.answeredBy))).sorted()
        if case .http = definition.probe, samples.contains(where: { $0.measurement.httpVersion != nil }) {
            var versions: [String: Int] = [:]
            for sample in samples { if let version = sample.measurement.httpVersion { versions[version, default: 0] += 1 } }
            result.httpVersions = versions
        }
        if let facts = samples.last(where: { $0.measurement.certificate != nil })?.measurement.certificate {
            result.certificate = RunReport.CertificateSummary(subject: facts.subject, issuer: facts.issuer, sans: facts.subjectAlternativeNames,
                                                              notAfter: facts.notAfter, now: now)
        }
        if definition.versionSource != nil {
            var versions: [String: Int] = [:]
            // A sample that got no answer at all says nothing of versions: its own failure explains it.
            for sample in samples where sample.measurement.version != nil || sample.measurement.status != nil {
                versions[sample.measurement.version ?? "(none)", default: 0] += 1
            }
            result.versions = versions
            result.expectedVersion = definition.expectedVersion
        }

        var tally = FailureTally()
        for sample in failing { tally.add(sample.failures, sample: sample.index) }
        result.failures = tally.sorted
        result.failedSamples = failing.prefix(FailureTally.detailedFailures).map(RunReport.FailedSample.init)
        result.thresholds = definition.latency.map { threshold in
            ThresholdEvaluation.evaluate(threshold, distribution: distribution, errorRate: result.errorRate, probes: samples.count, failed: failing.count)
        }

        let failedThresholds = result.thresholds.filter { !$0.passed }
        if let expected = result.expectedVersion, let versions = result.versions, versions.keys.contains(where: { $0 != expected }) {
            // Mixed answers are the stale-route problem: say every version seen and how often.
            result.status = .fail
            let seen = versions.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            result.message = "expected version \(expected) from every sample; seen: \(seen) (n=\(samples.count))"
        } else if let first = result.failures.first {
            result.status = .fail
            let more = failing.count > 1 ? " (\(failing.count) of \(samples.count) samples failed)" : ""
            result.message = "\(first.message)\(more)"
        } else if let first = blocked.first {
            result.status = .notRun
            result.notRunCause = .dependency
            let name = checkName(first.dependency.check)
            result.blockedBy = name
            let captures = first.dependency.captures
            let why = captures.isEmpty ? "this check needs it"
                : "its capture\(captures.count == 1 ? "" : "s") \(captures.map { "'\($0)'" }.joined(separator: ", ")) \(captures.count == 1 ? "has" : "have") no value"
            let partly = blocked.count < definition.samples ? " (\(blocked.count) of \(definition.samples) samples not run)" : ""
            result.message = "not run: \(name) \(first.dependencyFailed ? "failed" : "did not run") in \(environment) (\(why))\(partly)"
        } else if samples.count < definition.samples, interrupted {
            result.status = .notRun
            // A limit over samples the run never took has not been failed: the check did not finish.
            result.notRunCause = .interrupted
            result.message = "interrupted after \(samples.count) of \(definition.samples) samples"
        } else if let threshold = failedThresholds.first {
            result.status = .fail
            result.message = "latency \(threshold.threshold) not met: \(threshold.message)"
        } else if result.samplesRescued > 0 {
            result.status = .flaky
            let rescued = samples.first(where: \.flaky)?.rescuedFailures.first?.message ?? ""
            result.message = "\(result.samplesRescued) of \(samples.count) samples passed only after a retry; first failure: \(rescued)"
        }
        return result
    }

    /// The distribution's shape for `latencyQuantilesMs`: every value (in milliseconds, ascending) when there are
    /// at most `RunReport.quantilePoints`, else the nearest-rank quantile at each level k/64, as the percentiles are
    /// taken; nil for none.
    static func quantiles(_ microseconds: [Int64]) -> [Double]? {
        guard !microseconds.isEmpty else { return nil }
        let sorted = microseconds.sorted()
        let points = RunReport.quantilePoints
        let picked = sorted.count <= points ? sorted : (1...points).map { level in
            // The smallest value with at least level/points of the values at or below it.
            sorted[max((level * sorted.count + points - 1) / points, 1) - 1]
        }
        return picked.map { Double($0) / 1000 }
    }

    /// From the earliest start to the latest end (a sample without a response ends when it started), in seconds.
    static func elapsed(_ samples: [Sample]) -> Double {
        guard let first = samples.map(\.started).min() else { return 0 }
        let last = samples.map { $0.started + .microseconds($0.measurement.latency ?? 0) }.max() ?? first
        return ((last - first).seconds * 1000).rounded() / 1000
    }
}
