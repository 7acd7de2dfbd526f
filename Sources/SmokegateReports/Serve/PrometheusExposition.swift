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
///
/// Written a chunk at a time: each `next()` renders the following samples until about
/// `chunkBytes` are written. A scrape of a thousand targets is seven megabytes; written whole, it and its copy
/// into the response were the service's largest allocations, and the allocator kept their high-water mark. In
/// chunks, a scrape holds a chunk, and the response starts before the last family is written.
///
/// Family by family, target by target, as the text format requires (each family's samples together).
public struct PrometheusExposition: Sequence, IteratorProtocol, Sendable {
    public let snapshot: MonitorSnapshot
    public let toolVersion: String
    public let chunkBytes: Int
    /// Each target's label set, escaped once for all its samples.
    private let labels: [PrometheusText.Labels]
    private var family = 0
    private var target = 0
    private var finished = false

    public init(_ snapshot: MonitorSnapshot, toolVersion: String, chunkBytes: Int = 256 * 1024) {
        self.snapshot = snapshot
        self.toolVersion = toolVersion
        self.chunkBytes = Swift.max(1, chunkBytes)
        labels = snapshot.targets.map { target in
            PrometheusText.labels([("suite", target.key.suite), ("check", target.key.check), ("environment", target.key.environment),
                                   ("kind", target.kind)])
        }
    }

    public mutating func next() -> [UInt8]? {
        guard !finished else { return nil }
        let families = PrometheusTargetFamily.allCases
        let targets = snapshot.targets
        // Room for one target's largest family beyond the limit, so the buffer is sized once (a huge limit is
        // not reserved up front: the text grows as any array does).
        var text = PrometheusText(capacity: Swift.min(chunkBytes, 1 << 20) + 16 * 1024)
        while text.bytes.count < chunkBytes {
            guard family < families.count else {
                writeServiceFamilies(&text)
                finished = true
                break
            }
            let current = families[family]
            if target == 0 { text.family(current.name, current.type, help: current.help) }
            if target < targets.count {
                Self.write(current, of: targets[target], labels[target], at: snapshot.takenAt, into: &text)
                target += 1
            } else {
                family += 1
                target = 0
            }
        }
        return text.bytes
    }

    /// One target's samples of one family.
    private static func write(_ family: PrometheusTargetFamily, of target: MonitoredTarget, _ label: PrometheusText.Labels, at now: Date,
                              into text: inout PrometheusText) {
        let name = family.name
        switch family {
        case .total:
            text.sample(name, label, extra: ("result", "pass"), target.probes - target.failed)
            text.sample(name, label, extra: ("result", "fail"), target.failed)
        case .duration:
            PrometheusHistogramWriter.duration.write(target.duration, label, into: &text)
        case .up:
            guard target.status != .unknown else { return }
            text.sample(name, label, target.status == .up ? 1.0 : 0.0)
        case .phaseDuration:
            for phase in target.phases.keys.sorted() {
                guard let histogram = target.phases[phase] else { continue }
                PrometheusHistogramWriter.phase.write(histogram, label.adding("phase", phase), into: &text)
            }
        case .failures:
            for (reason, count) in target.failuresByReason.sorted(by: { $0.key < $1.key }) {
                text.sample(name, label, extra: ("reason", reason.rawValue), count)
            }
        case .missed:
            text.sample(name, label, target.missed)
        case .downtime:
            text.sample(name, label, target.downtime(at: now))
        case .windows:
            text.sample(name, label, target.windowCount)
        case .certificateExpiry:
            guard let expiry = target.certificateExpiresAt else { return }
            text.sample(name, label, expiry.timeIntervalSince1970.rounded())
        case .versionInfo:
            guard let version = target.version else { return }
            text.sample(name, label, extra: ("version", String(version.prefix(64))), 1.0)
        }
    }

    /// The families about the service itself, after the targets'.
    private func writeServiceFamilies(_ text: inout PrometheusText) {
        let targets = snapshot.targets
        text.family("smokegate_targets", .gauge, help: "Targets by state.")
        for state in [TargetStatus.up, .down, .unknown] {
            text.sample("smokegate_targets", .none, extra: ("state", state.rawValue), UInt64(targets.count { $0.status == state }))
        }
        text.family("smokegate_config_reload_success", .gauge, help: "1 when the last configuration reload succeeded (or none was tried), 0 when it failed.")
        text.sample("smokegate_config_reload_success", .none, snapshot.lastReload.map { $0.succeeded ? 1.0 : 0.0 } ?? 1.0)
        text.family("smokegate_config_reload_failures_total", .counter, help: "Configuration reloads refused because the new configuration did not load.")
        text.sample("smokegate_config_reload_failures_total", .none, snapshot.reloadFailures)
        text.family("smokegate_config_loaded_timestamp_seconds", .gauge, help: "When the running configuration was loaded.")
        text.sample("smokegate_config_loaded_timestamp_seconds", .none, snapshot.loadedAt.timeIntervalSince1970.rounded())
        text.family("smokegate_build_info", .gauge, help: "The smokegate build serving these metrics; always 1.")
        text.sample("smokegate_build_info", PrometheusText.labels([("version", toolVersion)]), 1.0)
        text.family("smokegate_start_time_seconds", .gauge, help: "When the service started, as seconds since the epoch.")
        text.sample("smokegate_start_time_seconds", .none, snapshot.startedAt.timeIntervalSince1970.rounded())
    }
}
