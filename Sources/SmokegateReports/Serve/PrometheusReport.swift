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
    /// The whole exposition in one buffer.
    public static func render(_ snapshot: MonitorSnapshot, toolVersion: String) -> [UInt8] {
        Array(PrometheusExposition(snapshot, toolVersion: toolVersion).joined())
    }
}
