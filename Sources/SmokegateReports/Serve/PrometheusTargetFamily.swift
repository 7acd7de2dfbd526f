/// `/metrics` families with a series per target, in the order they are written (`PrometheusExposition`).
enum PrometheusTargetFamily: Int, CaseIterable {
    case total, duration, up, phaseDuration, failures, missed, downtime, windows, certificateExpiry, versionInfo

    var name: String {
        switch self {
        case .total: "smoke_test_total"
        case .duration: "smoke_test_duration_seconds"
        case .up: "smokegate_target_up"
        case .phaseDuration: "smokegate_probe_phase_duration_seconds"
        case .failures: "smokegate_probe_failures_total"
        case .missed: "smokegate_probes_missed_total"
        case .downtime: "smokegate_downtime_seconds_total"
        case .windows: "smokegate_downtime_windows_total"
        case .certificateExpiry: "smokegate_certificate_expiry_timestamp_seconds"
        case .versionInfo: "smokegate_target_version_info"
        }
    }

    var type: PrometheusMetricType {
        switch self {
        case .total, .failures, .missed, .downtime, .windows: .counter
        case .duration, .phaseDuration: .histogram
        case .up, .certificateExpiry, .versionInfo: .gauge
        }
    }

    var help: String {
        switch self {
        case .total: "Probes finished, by result (pass or fail)."
        case .duration: "Time from the probe's start to its answer, for probes that got one."
        case .up: "1 when the target's latest probe passed, 0 when it failed (no sample before the first)."
        case .phaseDuration: "Time in each phase of a probe: dns, connect, tls, server, transfer for HTTP; connect, query or command for the others."
        case .failures: "Failed probes by reason (one vocabulary for every kind of probe)."
        case .missed: "Probes not started because earlier ones of the target were still running."
        case .downtime: "Time the target spent in downtime windows, the open one up to now."
        case .windows: "Downtime windows opened (a failing probe after a passing one)."
        case .certificateExpiry: "When the certificate the target presented last expires, as seconds since the epoch."
        case .versionInfo: "The version the target answers with now (version_from), as a label; always 1."
        }
    }
}
