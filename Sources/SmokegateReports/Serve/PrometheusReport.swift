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
    /// The families with a series per target, in the order they are written.
    private enum TargetFamily: Int, CaseIterable {
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

        var type: String {
            switch self {
            case .total, .failures, .missed, .downtime, .windows: "counter"
            case .duration, .phaseDuration: "histogram"
            case .up, .certificateExpiry, .versionInfo: "gauge"
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

        /// About how many bytes a target adds to the family: enough to size its buffer once.
        var bytesPerTarget: Int {
            switch self {
            case .duration: 1_900
            case .phaseDuration: 9_000
            default: 300
            }
        }
    }

    /// The whole exposition in one buffer.
    public static func render(_ snapshot: MonitorSnapshot, toolVersion: String) -> [UInt8] {
        Array(renderParts(snapshot, toolVersion: toolVersion).joined())
    }

    /// The exposition in the parts it is written in (each family's section, in order), for a response that sends
    /// them one after another: joining a thousand targets' ten megabytes first would cost a copy and its page faults.
    public static func renderParts(_ snapshot: MonitorSnapshot, toolVersion: String) -> [[UInt8]] {
        let targets = snapshot.targets
        let now = snapshot.takenAt
        // The text format wants each family's samples together; one pass over the targets writes every family's
        // section side by side, which reads each target once instead of once per family.
        var sections = TargetFamily.allCases.map { PrometheusText(capacity: 256 + targets.count * $0.bytesPerTarget) }
        for family in TargetFamily.allCases { sections[family.rawValue].family(family.name, family.type, help: family.help) }
        func section(_ family: TargetFamily, _ write: (inout PrometheusText) -> Void) { write(&sections[family.rawValue]) }

        for target in targets {
            let label = PrometheusText.labels([("suite", target.key.suite), ("check", target.key.check), ("environment", target.key.environment),
                                               ("kind", target.kind)])
            section(.total) {
                $0.sample("smoke_test_total", label, extra: ("result", "pass"), target.probes - target.failed)
                $0.sample("smoke_test_total", label, extra: ("result", "fail"), target.failed)
            }
            section(.duration) { histogram(&$0, durationNames, label, target.duration) }
            if target.status != .unknown { section(.up) { $0.sample("smokegate_target_up", label, target.status == .up ? 1.0 : 0.0) } }
            section(.phaseDuration) { text in
                for phase in target.phases.keys.sorted() {
                    guard let histogram = target.phases[phase] else { continue }
                    Self.histogram(&text, phaseNames, label.adding("phase", phase), histogram)
                }
            }
            section(.failures) { text in
                for (reason, count) in target.failuresByReason.sorted(by: { $0.key < $1.key }) {
                    text.sample("smokegate_probe_failures_total", label, extra: ("reason", reason.rawValue), count)
                }
            }
            section(.missed) { $0.sample("smokegate_probes_missed_total", label, target.missed) }
            section(.downtime) { $0.sample("smokegate_downtime_seconds_total", label, target.downtime(at: now)) }
            section(.windows) { $0.sample("smokegate_downtime_windows_total", label, target.windowCount) }
            if let expiry = target.certificateExpiresAt {
                section(.certificateExpiry) { $0.sample("smokegate_certificate_expiry_timestamp_seconds", label, expiry.timeIntervalSince1970.rounded()) }
            }
            if let version = target.version {
                section(.versionInfo) { $0.sample("smokegate_target_version_info", label, extra: ("version", String(version.prefix(64))), 1.0) }
            }
        }

        var text = PrometheusText(capacity: 2_048)

        text.family("smokegate_targets", "gauge", help: "Targets by state.")
        for state in [TargetStatus.up, .down, .unknown] {
            text.sample("smokegate_targets", .none, extra: ("state", state.rawValue), UInt64(targets.count { $0.status == state }))
        }
        text.family("smokegate_config_reload_success", "gauge", help: "1 when the last configuration reload succeeded (or none was tried), 0 when it failed.")
        text.sample("smokegate_config_reload_success", .none, snapshot.lastReload.map { $0.succeeded ? 1.0 : 0.0 } ?? 1.0)
        text.family("smokegate_config_reload_failures_total", "counter", help: "Configuration reloads refused because the new configuration did not load.")
        text.sample("smokegate_config_reload_failures_total", .none, snapshot.reloadFailures)
        text.family("smokegate_config_loaded_timestamp_seconds", "gauge", help: "When the running configuration was loaded.")
        text.sample("smokegate_config_loaded_timestamp_seconds", .none, snapshot.loadedAt.timeIntervalSince1970.rounded())
        text.family("smokegate_build_info", "gauge", help: "The smokegate build serving these metrics; always 1.")
        text.sample("smokegate_build_info", PrometheusText.labels([("version", toolVersion)]), 1.0)
        text.family("smokegate_start_time_seconds", "gauge", help: "When the service started, as seconds since the epoch.")
        text.sample("smokegate_start_time_seconds", .none, snapshot.startedAt.timeIntervalSince1970.rounded())
        return sections.map(\.bytes) + [text.bytes]
    }

    /// A histogram family's sample names, spelled once.
    private struct HistogramNames {
        let bucket: [UInt8], sum: [UInt8], count: [UInt8]

        init(_ name: String) {
            (bucket, sum, count) = (Array((name + "_bucket").utf8), Array((name + "_sum").utf8), Array((name + "_count").utf8))
        }
    }

    private static let durationNames = HistogramNames("smoke_test_duration_seconds")
    private static let phaseNames = HistogramNames("smokegate_probe_phase_duration_seconds")
    /// The buckets' `le` labels of each layout, spelled once rather than once per series and scrape; `+Inf` last.
    private static let latencyBucketLabels = bucketLabels(.latency)
    private static let phaseBucketLabels = bucketLabels(.phase)

    private static func bucketLabels(_ layout: CumulativeHistogram.Layout) -> [[UInt8]] {
        (layout.bounds.map(PrometheusText.number) + ["+Inf"]).map { PrometheusText.Labels.pair("le", $0) }
    }

    private static func histogram(_ text: inout PrometheusText, _ names: HistogramNames, _ labels: PrometheusText.Labels, _ histogram: CumulativeHistogram) {
        let bucketLabels = switch histogram.layout {
        case .latency: latencyBucketLabels
        case .phase: phaseBucketLabels
        }
        for (index, bound) in bucketLabels.enumerated() {
            text.sample(names.bucket, labels, extra: bound, index < histogram.buckets.count ? histogram.buckets[index] : histogram.count)
        }
        text.sample(names.sum, labels, histogram.sum)
        text.sample(names.count, labels, Double(histogram.count))
    }
}
