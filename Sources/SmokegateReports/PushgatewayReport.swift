import SmokegateVerdict
import SmokegateVocabulary

/// A run's report as Prometheus text for a Pushgateway: one group per environment, each pushed under a grouping key
/// that holds the job, the environment and any `--push-label`s (so those are not labels of the series themselves).
/// `docs/push.md` lists every series.
///
/// Every figure comes from the `RunReport` as it is: a check that was not probed has no latency series, a plain run
/// has no downtime or deployment series.
public enum PushgatewayReport {
    /// One environment's series, ready to PUT to `…/environment/NAME`.
    public struct Group: Sendable {
        public var environment: String
        public var text: [UInt8]
    }

    /// The percentiles pushed per check and per environment, in seconds, with the label value each gets.
    static func percentiles(_ latency: RunReport.LatencyFigures) -> [(label: String, seconds: Double)] {
        [("p50", latency.p50Ms / 1000), ("p95", latency.p95Ms / 1000), ("p99", latency.p99Ms / 1000)]
    }

    public static func render(_ report: RunReport) -> [Group] {
        report.environments.map { environment in
            Group(environment: environment.name, text: render(report, environment: environment))
        }
    }

    private static func render(_ report: RunReport, environment: RunReport.EnvironmentSummary) -> [UInt8] {
        let results = report.checks.compactMap { check -> (labels: PrometheusText.Labels, result: RunReport.CheckResult)? in
            guard let result = check.results.first(where: { $0.environment == environment.name }), result.status != .skipped else { return nil }
            return (PrometheusText.labels([("suite", check.suite), ("check", check.name)]), result)
        }
        var text = PrometheusText(capacity: 4_096 + results.count * 1_200)

        text.family("smokegate_run_success", .gauge, help: "1 when the run's decision lets a pipeline go on (pass or promote), else 0.")
        text.sample("smokegate_run_success", .none, report.decision.proceeds ? 1.0 : 0.0)
        text.family("smokegate_run_decision", .gauge, help: "The run's decision: 1 for the decision reached, 0 for the others.")
        for decision in Decision.allCases where decision != .running {
            text.sample("smokegate_run_decision", .none, extra: ("decision", decision.rawValue), decision == report.decision ? 1.0 : 0.0)
        }
        text.family("smokegate_run_exit_code", .gauge, help: "The exit code the run ended with (docs/exit-codes.md).")
        text.sample("smokegate_run_exit_code", .none, Double(report.exitCode.code))
        text.family("smokegate_run_duration_seconds", .gauge, help: "How long the run or watch took.")
        text.sample("smokegate_run_duration_seconds", .none, report.durationSeconds)

        text.family("smokegate_environment_probes", .gauge, help: "Probes of this environment the run finished, by result.")
        text.sample("smokegate_environment_probes", .none, extra: ("result", "pass"), Double(environment.probes - environment.failed))
        text.sample("smokegate_environment_probes", .none, extra: ("result", "fail"), Double(environment.failed))
        if let errorRate = environment.errorRate {
            text.family("smokegate_environment_error_ratio", .gauge, help: "Failed probes over finished probes in this environment, all checks together.")
            text.sample("smokegate_environment_error_ratio", .none, errorRate)
        }
        if let latency = environment.latency {
            text.family("smokegate_environment_latency_seconds", .gauge, help: "Latency percentiles over every probe of this environment.")
            for (label, seconds) in percentiles(latency) { text.sample("smokegate_environment_latency_seconds", .none, extra: ("percentile", label), seconds) }
        }

        text.family("smoke_test_total", .counter, help: "Probes of the check this run finished, by result (pass or fail).")
        for (labels, result) in results {
            text.sample("smoke_test_total", labels, extra: ("result", "pass"), Double(result.samplesCompleted - result.samplesFailed))
            text.sample("smoke_test_total", labels, extra: ("result", "fail"), Double(result.samplesFailed))
        }
        text.family("smoke_test_failures_total", .counter, help: "Probes of the check that failed in this run.")
        for (labels, result) in results { text.sample("smoke_test_failures_total", labels, Double(result.samplesFailed)) }
        text.family("smokegate_check_success", .gauge, help: "1 when the check passed (also after retries), 0 when it failed; absent when it did not finish.")
        for (labels, result) in results {
            switch result.status {
            case .pass, .flaky: text.sample("smokegate_check_success", labels, 1.0)
            case .fail: text.sample("smokegate_check_success", labels, 0.0)
            case .skipped, .notRun: break
            }
        }
        text.family("smokegate_check_error_ratio", .gauge, help: "Failed probes of the check over its finished probes.")
        for (labels, result) in results { if let errorRate = result.errorRate { text.sample("smokegate_check_error_ratio", labels, errorRate) } }
        text.family("smokegate_check_latency_seconds", .gauge, help: "Latency percentiles of the check's probes that got an answer.")
        for (labels, result) in results {
            guard let latency = result.latency else { continue }
            for (label, seconds) in percentiles(latency) { text.sample("smokegate_check_latency_seconds", labels, extra: ("percentile", label), seconds) }
        }

        if let watch = report.watch {
            let targets = watch.targets.filter { $0.environment == environment.name }.map { target in
                (PrometheusText.labels([("suite", target.suite), ("check", target.check)]), target)
            }
            text.family("smokegate_downtime_seconds", .gauge, help: "Time the check spent in downtime windows during the watch.")
            for (labels, target) in targets { text.sample("smokegate_downtime_seconds", labels, target.downtimeMs / 1000) }
            text.family("smokegate_downtime_windows", .gauge, help: "Downtime windows the watch saw for the check.")
            for (labels, target) in targets { text.sample("smokegate_downtime_windows", labels, Double(target.windowCount)) }
            text.family("smokegate_availability_ratio", .gauge, help: "Time up over time watched for the check.")
            for (labels, target) in targets { if let availability = target.availability { text.sample("smokegate_availability_ratio", labels, availability) } }
        }

        if let deployment = report.deployments.first(where: { $0.environment == environment.name }) {
            text.family("deployment_total", .counter, help: "This run's deployment, by how it ended: 1 for its status, 0 for the others (one run per push).")
            for status in DeploymentStatus.allCases {
                text.sample("deployment_total", .none, extra: ("status", status.rawValue), status == deployment.status ? 1.0 : 0.0)
            }
            text.family("deployment_rollback_total", .counter, help: "1 when this run's deployment was rolled back, else 0 (one run per push).")
            text.sample("deployment_rollback_total", .none, deployment.status == .rolledBack ? 1.0 : 0.0)
            text.family("deployment_duration_seconds", .gauge, help: "How long the comparison or the watched cutover took.")
            text.sample("deployment_duration_seconds", .none, report.durationSeconds)
        }
        return text.bytes
    }
}
