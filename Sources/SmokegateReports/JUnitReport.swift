import Foundation
import SmokegateDocuments
import SmokegateVerdict
import SmokegateVocabulary

/// `junit.xml`: one `<testsuite>` per environment, one `<testcase>` per check and per gate.
///
/// Shaped for the Jenkins xUnit schema (`junit-10.xsd`): per-check figures go to `<system-out>` because a
/// testcase may carry no properties there, and flaky checks use `<flakyFailure>`, which Jenkins and the GitHub
/// reporters read.
public enum JUnitReport {
    public static func render(_ report: RunReport) throws -> [UInt8] {
        var writer = try XMLTextWriter(indent: true)
        let hostname = ProcessInfo.processInfo.hostName
        let counts = report.environments.map { tally(report, environment: $0.name) }
        // The root counts every suite below it, the comparison's and the configuration's included: a consumer that
        // reads only the root must see a rollback's failed comparison.
        let comparisons = report.comparisons ?? []
        let comparisonFailures = comparisons.filter { $0.decision != .pass }.count
        let problems = report.configurationErrors.map { _ in 1 } ?? 0
        try writer.startElement("testsuites")
        try writer.attribute("name", "smokegate")
        try writer.attribute("tests", String(counts.map(\.tests).reduce(0, +) + comparisons.count + problems))
        try writer.attribute("failures", String(counts.map(\.failures).reduce(0, +) + comparisonFailures))
        try writer.attribute("errors", String(problems))
        try writer.attribute("time", seconds(report.durationSeconds))
        if let configurationErrors = report.configurationErrors {
            try writeConfigurationErrors(configurationErrors, report: report, hostname: hostname, to: &writer)
        }
        for (environment, count) in zip(report.environments, counts) {
            try startSuite(environment.name, tests: count.tests, failures: count.failures, skipped: count.skipped, report: report, hostname: hostname,
                           to: &writer)
            try writeProperties(report, environment, to: &writer)
            if report.watch?.checkpoint == true {
                // A checkpoint's figures are not a verdict: JUnit readers must not show it green.
                try writeUnfinishedCase(classname: "watch.\(environment.name)", name: "checkpoint", element: "failure", type: "running",
                                        message: report.reasons.first ?? "the watch was still running", body: nil, to: &writer)
            }
            for check in report.checks {
                guard let result = check.results.first(where: { $0.environment == environment.name }) else { continue }
                let watched = report.watch?.targets.first { $0.suite == check.suite && $0.check == check.name && $0.environment == environment.name }
                try writeCase(check, result, watched: watched, to: &writer)
            }
            // Watch gates fail their target's test case instead (`gate.check`): one failure per target.
            for gate in report.gates where gate.environment == environment.name && gate.check == nil {
                try writer.startElement("testcase")
                try writer.attribute("classname", "gates.\(environment.name)")
                try writer.attribute("name", gate.threshold)
                try writer.attribute("time", "0")
                if !gate.passed {
                    try writer.startElement("failure")
                    try writer.attribute("type", "gate")
                    try writer.attribute("message", "\(gate.threshold): \(gate.message)")
                    try writer.text("\(gate.message)\ndefined at \(gate.file ?? "?"):\(gate.line ?? 0)")
                    try writer.endElement()
                }
                try writer.startElement("system-out")
                try writer.text(gate.message)
                try writer.endElement()
                try writer.endElement()
            }
            try writer.endElement()
        }
        if let comparisons = report.comparisons, let first = comparisons.first {
            try writeComparisons(comparisons, name: "\(first.candidate.environment) vs \(first.baseline.environment)", report: report, to: &writer)
        }
        try writer.endElement()
        return try writer.finish()
    }

    /// One test case per compared check; a regression or an inconclusive comparison is a failure whose message is
    /// the decision's sentence.
    private static func writeComparisons(_ comparisons: [ComparisonReport], name: String, report: RunReport, to writer: inout XMLTextWriter) throws {
        try startSuite(name, tests: comparisons.count, failures: comparisons.filter { $0.decision != .pass }.count, report: report, hostname: nil,
                       to: &writer)
        try writer.startElement("properties")
        for (key, value) in [("decision", report.decision.rawValue), ("baseline", comparisons[0].baseline.environment), ("candidate", comparisons[0].candidate.environment)] {
            try writer.startElement("property")
            try writer.attribute("name", key)
            try writer.attribute("value", value)
            try writer.endElement()
        }
        try writer.endElement()
        for comparison in comparisons {
            try writer.startElement("testcase")
            try writer.attribute("classname", comparison.suite)
            try writer.attribute("name", "\(comparison.check) (\(name))")
            try writer.attribute("time", "0")
            if comparison.decision != .pass {
                try writer.startElement("failure")
                try writer.attribute("type", comparison.decision.rawValue)
                try writer.attribute("message", comparison.reason)
                try writer.text(comparison.reason)
                try writer.endElement()
            }
            try writer.startElement("system-out")
            var lines = comparison.latency.map { delta in
                var line = "\(delta.metric): \(number(delta.baselineMs))ms → \(number(delta.candidateMs))ms (\(delta.deltaMs >= 0 ? "+" : "")\(number(delta.deltaMs))ms)\(delta.beyondMargin ? " beyond margin" : "")"
                if let tail = delta.tailTest {
                    line += "; tail test: \(tail.candidateAbove) above \(number(tail.thresholdMs))ms (\(String(format: "%.1f", tail.expectedAbove)) expected), p = \(tail.pValue), adjusted p = \(tail.adjustedPValue)"
                }
                return line
            }
            for missing in comparison.notCompared {
                lines.append("\(missing.metric): not compared, needs \(missing.samplesNeeded) samples per environment, has \(missing.samples)\(missing.requested ? " (requested)" : "")")
            }
            if let test = comparison.mannWhitney {
                lines.append("Mann–Whitney U = \(test.u), p = \(test.pValue), adjusted p = \(comparison.mannWhitneyAdjustedPValue ?? test.pValue), \(test.method.rawValue), Cliff's delta = \(String(format: "%.3f", test.cliffsDelta)) (n = \(test.n2) / \(test.n1))")
            }
            lines.append("errors: \(comparison.baseline.failed)/\(comparison.baseline.n) → \(comparison.candidate.failed)/\(comparison.candidate.n), Fisher p = \(comparison.errors.pValue)"
                + (comparison.errors.adjustedPValue.map { ", adjusted p = \($0)" } ?? ""))
            lines.append("p-values adjusted with Holm's method for the run's \(comparison.margins.tests) tests")
            try writer.text(lines.joined(separator: "\n"))
            try writer.endElement()
            try writer.endElement()
        }
        try writer.endElement()
    }

    /// Opens a `<testsuite>` with the counts and times every consumer reads.
    private static func startSuite(_ name: String, tests: Int, failures: Int = 0, errors: Int = 0, skipped: Int = 0, report: RunReport,
                                   hostname: String?, to writer: inout XMLTextWriter) throws {
        try writer.startElement("testsuite")
        try writer.attribute("name", name)
        try writer.attribute("tests", String(tests))
        try writer.attribute("failures", String(failures))
        try writer.attribute("errors", String(errors))
        try writer.attribute("skipped", String(skipped))
        try writer.attribute("time", seconds(report.durationSeconds))
        try writer.attribute("timestamp", String(report.startedAt.prefix(19)))
        if let hostname { try writer.attribute("hostname", hostname) }
    }

    /// One test case in error: the run never started, and every problem is listed in its body.
    private static func writeConfigurationErrors(_ problems: [RunReport.ConfigurationProblem], report: RunReport, hostname: String,
                                                 to writer: inout XMLTextWriter) throws {
        try startSuite("configuration", tests: 1, errors: 1, report: report, hostname: hostname, to: &writer)
        let body = problems.map { problem in
            problem.file.map { "\($0):\(problem.line ?? 1):\(problem.column ?? 1): \(problem.message)" } ?? problem.message
        }.joined(separator: "\n")
        try writeUnfinishedCase(classname: "smokegate", name: "configuration", element: "error", type: "configuration",
                                message: report.reasons.first ?? "configuration errors; nothing was probed", body: body, to: &writer)
        try writer.endElement()
    }

    /// A test case that stands for work not done (a checkpoint, a run that never started): its one failure or error.
    private static func writeUnfinishedCase(classname: String, name: String, element: String, type: String, message: String, body: String?,
                                            to writer: inout XMLTextWriter) throws {
        try writer.startElement("testcase")
        try writer.attribute("classname", classname)
        try writer.attribute("name", name)
        try writer.attribute("time", "0.000")
        try writer.startElement(element)
        try writer.attribute("type", type)
        try writer.attribute("message", message)
        if let body { try writer.text(body) }
        try writer.endElement()
        try writer.endElement()
    }

    private static func writeProperties(_ report: RunReport, _ environment: RunReport.EnvironmentSummary, to writer: inout XMLTextWriter) throws {
        var properties: [(String, String)] = [("run_id", report.runID), ("decision", report.decision.rawValue), ("environment", environment.name)]
        if let base = environment.baseURL { properties.append(("base_url", base)) }
        properties.append(("probes", String(environment.probes)))
        properties.append(("probes_failed", String(environment.failed)))
        if let rate = environment.errorRate { properties.append(("error_rate", String(format: "%.4f", rate))) }
        if let latency = environment.latency {
            properties += [("latency_n", String(latency.n)), ("latency_p50_ms", number(latency.p50Ms)),
                           ("latency_p95_ms", number(latency.p95Ms)), ("latency_p99_ms", number(latency.p99Ms))]
        }
        if report.interrupted { properties.append(("interrupted", report.interruption?.rawValue ?? "true")) }
        try writer.startElement("properties")
        for (name, value) in properties {
            try writer.startElement("property")
            try writer.attribute("name", name)
            try writer.attribute("value", value)
            try writer.endElement()
        }
        try writer.endElement()
    }

    private static func writeCase(_ check: RunReport.CheckReport, _ result: RunReport.CheckResult, watched: WatchReport.Target?,
                                  to writer: inout XMLTextWriter) throws {
        try writer.startElement("testcase")
        // (classname, name) identifies a test case: the environment goes into the classname, so blue's and green's
        // results of one check are two cases (Jenkins shows suite as the package and the environment as the class).
        try writer.attribute("classname", "\(check.suite).\(result.environment)")
        try writer.attribute("name", check.name)
        try writer.attribute("time", seconds(result.elapsedSeconds))
        switch result.status {
        case .fail:
            try writer.startElement("failure")
            try writer.attribute("type", watched != nil ? "watch_gate" : (result.failures.first?.reason.rawValue ?? "latency"))
            try writer.attribute("message", result.message ?? "failed")
            try writer.text(failureBody(result))
            try writer.endElement()
        case .flaky:
            try writer.startElement("flakyFailure")
            try writer.attribute("type", "flaky")
            try writer.attribute("message", result.message ?? "passed after a retry")
            try writer.endElement()
        case .skipped, .notRun:
            try writer.startElement("skipped")
            try writer.attribute("message", result.skipReason ?? result.message ?? result.status.rawValue)
            try writer.endElement()
        case .pass:
            break
        }
        try writer.startElement("system-out")
        try writer.text(([summary(check, result)] + (watched.map(watchSummary) ?? [])).joined(separator: "\n"))
        try writer.endElement()
        try writer.endElement()
    }

    /// Every distinct failure with its count, then the first failing samples: what a person reads in the CI tab.
    private static func failureBody(_ result: RunReport.CheckResult) -> String {
        var lines = result.failures.map { "[\($0.reason)] \($0.message) — \($0.count)× (first in sample \($0.firstSample + 1))" }
        lines += result.thresholds.filter { !$0.passed }.map { "[\($0.metric)] \($0.threshold): \($0.message)" }
        return lines.joined(separator: "\n")
    }

    private static func summary(_ check: RunReport.CheckReport, _ result: RunReport.CheckResult) -> String {
        let via = result.proxy.map { " via proxy \($0.url) (\($0.from))" } ?? ""
        var lines = ["\(check.kind) \(result.method.map { $0 + " " } ?? "")\(result.target ?? "") [\(result.environment)]\(via) at \(check.file):\(check.line)"]
        lines.append("status: \(result.status); samples \(result.samplesCompleted)/\(result.samplesPlanned), failed \(result.samplesFailed), passed after retry \(result.samplesRescued)")
        if let latency = result.latency {
            lines.append("latency (n=\(latency.n)): p50 \(number(latency.p50Ms))ms p95 \(number(latency.p95Ms))ms p99 \(number(latency.p99Ms))ms max \(number(latency.maxMs))ms")
        }
        if result.insecure { lines.append("TLS verification: OFF (insecure: true)") }
        if !result.answeredBy.isEmpty { lines.append("answered by: \(result.answeredBy.joined(separator: ", "))") }
        for sample in result.failedSamples {
            let reasons = sample.failures.map { "[\($0.reason)] \($0.message)" }.joined(separator: "; ")
            lines.append("sample \(sample.sample + 1) at +\(number(sample.startedMs))ms\(sample.status.map { ", status \($0)" } ?? ""): \(reasons)")
        }
        return lines.joined(separator: "\n")
    }

    /// A watched target's gates, windows and cutover, one line each.
    private static func watchSummary(_ target: WatchReport.Target) -> [String] {
        var lines = target.gates.map { "gate \($0.passed ? "passed" : "FAILED"): \($0.message)" }
        lines.append("downtime \(number(target.downtimeMs))ms in \(target.windowCount) window(s); availability "
            + (target.availability.map { String(format: "%.3f%%", $0 * 100) } ?? "–") + "; probes \(target.probesCompleted), failed \(target.probesFailed), missed \(target.probesMissed)")
        for window in target.windows {
            let reasons = window.reasons.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            lines.append("window \(window.startedAt) +\(number(window.startMs))ms for \(number(window.durationMs))ms ±\(number(window.uncertaintyMs))ms"
                + "\(window.ongoing ? " (still down)" : ""): \(window.failedProbes) probes failed (\(reasons)); first: \(window.firstFailure)")
        }
        if let cutover = target.cutover {
            lines.append("cutover \(cutover.from) → \(cutover.to) at \(cutover.startedAt): window \(number(cutover.windowMs))ms, mixed \(number(cutover.mixedMs))ms, flaps back \(cutover.flaps)")
        }
        return lines
    }

    private static func tally(_ report: RunReport, environment: String) -> (tests: Int, failures: Int, skipped: Int) {
        let results = report.checks.compactMap { $0.results.first { $0.environment == environment } }
        let gates = report.gates.filter { $0.environment == environment && $0.check == nil }
        let checkpoint = report.watch?.checkpoint == true ? 1 : 0
        return (results.count + gates.count + checkpoint,
                results.filter { $0.status == .fail }.count + gates.filter { !$0.passed }.count + checkpoint,
                results.filter { $0.status == .skipped || $0.status == .notRun }.count)
    }

    /// Seconds as the schema wants them: plain decimal, at most three places.
    private static func seconds(_ value: Double) -> String { String(format: "%.3f", max(0, value)) }

    private static func number(_ value: Double) -> String { String(format: "%.3f", value) }
}
