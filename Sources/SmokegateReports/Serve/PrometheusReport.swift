import Foundation
import SmokegateModel
import SmokegateStats
import SmokegateVocabulary

/// `/metrics`: what `serve` has measured, in the Prometheus text format. The names the deployment runbooks use
/// (`smoke_test_total`, `smoke_test_duration_seconds`) and what blackbox_exporter and Gatus users look for (a
/// success gauge per target, phase durations, failures by reason, certificate expiry, downtime, versions).
///
/// Labels are bounded by the configuration: suite, check, environment and kind come from the suites; reason and
/// phase from fixed vocabularies; a target's version label is the one it answers with now, so a new version
/// replaces its series rather than adding to them. No URL, query string or per-sample value is a label.
/// `docs/serve.md` lists every family.
public enum PrometheusReport {
    public static func render(_ snapshot: MonitorSnapshot, toolVersion: String) -> [UInt8] {
        let targets = snapshot.targets
        let labels = targets.map { target in
            PrometheusText.labels([("suite", target.key.suite), ("check", target.key.check), ("environment", target.key.environment),
                                   ("kind", target.kind)])
        }
        var text = PrometheusText(capacity: 2_048 + targets.count * 10_500)
        let now = snapshot.takenAt

        text.family("smoke_test_total", "counter", help: "Probes finished, by result (pass or fail).")
        for (target, label) in zip(targets, labels) {
            text.sample("smoke_test_total", label, extra: ("result", "pass"), target.probes - target.failed)
            text.sample("smoke_test_total", label, extra: ("result", "fail"), target.failed)
        }
        text.family("smoke_test_duration_seconds", "histogram", help: "Time from the probe's start to its answer, for probes that got one.")
        for (target, label) in zip(targets, labels) { histogram(&text, "smoke_test_duration_seconds", label, target.duration) }

        text.family("smokegate_target_up", "gauge", help: "1 when the target's latest probe passed, 0 when it failed (no sample before the first).")
        for (target, label) in zip(targets, labels) where target.status != .unknown {
            text.sample("smokegate_target_up", label, target.status == .up ? 1.0 : 0.0)
        }
        text.family("smokegate_probe_phase_duration_seconds", "histogram",
                    help: "Time in each phase of a probe: dns, connect, tls, server, transfer for HTTP; connect, query or command for the others.")
        for (target, label) in zip(targets, labels) {
            for phase in target.phases.keys.sorted() {
                guard let histogram = target.phases[phase] else { continue }
                let phaseLabels = String(label.dropLast()) + ",phase=\"\(PrometheusText.escape(phase))\"}"
                Self.histogram(&text, "smokegate_probe_phase_duration_seconds", phaseLabels, histogram)
            }
        }
        text.family("smokegate_probe_failures_total", "counter", help: "Failed probes by reason (one vocabulary for every kind of probe).")
        for (target, label) in zip(targets, labels) {
            for (reason, count) in target.failuresByReason.sorted(by: { $0.key < $1.key }) {
                text.sample("smokegate_probe_failures_total", label, extra: ("reason", reason.rawValue), count)
            }
        }
        text.family("smokegate_probes_missed_total", "counter", help: "Probes not started because earlier ones of the target were still running.")
        for (target, label) in zip(targets, labels) { text.sample("smokegate_probes_missed_total", label, target.missed) }
        text.family("smokegate_downtime_seconds_total", "counter", help: "Time the target spent in downtime windows, the open one up to now.")
        for (target, label) in zip(targets, labels) { text.sample("smokegate_downtime_seconds_total", label, target.downtime(at: now)) }
        text.family("smokegate_downtime_windows_total", "counter", help: "Downtime windows opened (a failing probe after a passing one).")
        for (target, label) in zip(targets, labels) { text.sample("smokegate_downtime_windows_total", label, target.windowCount) }
        text.family("smokegate_certificate_expiry_timestamp_seconds", "gauge",
                    help: "When the certificate the target presented last expires, as seconds since the epoch.")
        for (target, label) in zip(targets, labels) {
            if let expiry = target.certificateExpiresAt { text.sample("smokegate_certificate_expiry_timestamp_seconds", label, expiry.timeIntervalSince1970.rounded()) }
        }
        text.family("smokegate_target_version_info", "gauge", help: "The version the target answers with now (version_from), as a label; always 1.")
        for (target, label) in zip(targets, labels) {
            if let version = target.version { text.sample("smokegate_target_version_info", label, extra: ("version", String(version.prefix(64))), 1.0) }
        }

        text.family("smokegate_targets", "gauge", help: "Targets by state.")
        for state in [TargetStatus.up, .down, .unknown] {
            text.sample("smokegate_targets", "", extra: ("state", state.rawValue), UInt64(targets.count { $0.status == state }))
        }
        text.family("smokegate_config_reload_success", "gauge", help: "1 when the last configuration reload succeeded (or none was tried), 0 when it failed.")
        text.sample("smokegate_config_reload_success", "", snapshot.lastReload.map { $0.succeeded ? 1.0 : 0.0 } ?? 1.0)
        text.family("smokegate_config_reload_failures_total", "counter", help: "Configuration reloads refused because the new configuration did not load.")
        text.sample("smokegate_config_reload_failures_total", "", snapshot.reloadFailures)
        text.family("smokegate_config_loaded_timestamp_seconds", "gauge", help: "When the running configuration was loaded.")
        text.sample("smokegate_config_loaded_timestamp_seconds", "", snapshot.loadedAt.timeIntervalSince1970.rounded())
        text.family("smokegate_build_info", "gauge", help: "The smokegate build serving these metrics; always 1.")
        text.sample("smokegate_build_info", PrometheusText.labels([("version", toolVersion)]), 1.0)
        text.family("smokegate_start_time_seconds", "gauge", help: "When the service started, as seconds since the epoch.")
        text.sample("smokegate_start_time_seconds", "", snapshot.startedAt.timeIntervalSince1970.rounded())
        return text.bytes
    }

    /// The buckets' `le` values, spelled once rather than once per series and scrape.
    private static let boundLabels = CumulativeHistogram.bounds.map(PrometheusText.number)

    private static func histogram(_ text: inout PrometheusText, _ name: String, _ labels: String, _ histogram: CumulativeHistogram) {
        let (bucket, sum, count) = (name + "_bucket", name + "_sum", name + "_count")
        for (bound, value) in zip(boundLabels, histogram.buckets) {
            text.sample(bucket, labels, extra: ("le", bound), value)
        }
        text.sample(bucket, labels, extra: ("le", "+Inf"), histogram.count)
        text.sample(sum, labels, histogram.sum)
        text.sample(count, labels, histogram.count)
    }
}
