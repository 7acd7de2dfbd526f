import Foundation
import SmokegateModel
import SmokegateStats

/// Checks a watch gate against one target's figures and explains the outcome in one sentence.
enum WatchGateEvaluation {
    static func evaluate(_ gate: WatchGate, target: TargetState, report: WatchReport.Target) -> RunReport.ThresholdResult {
        let percentage = gate.metric.isPercentage
        var result = RunReport.ThresholdResult(
            threshold: gate.description, metric: gate.metric.rawValue, comparison: gate.comparison.rawValue, observed: nil,
            limit: percentage ? gate.limit : gate.limit / 1000, unit: percentage ? "ratio" : "ms", n: report.probesCompleted,
            passed: false, message: "")
        let windows = "\(report.windowCount) window\(report.windowCount == 1 ? "" : "s")"
        let observed: Double?
        var detail: String
        switch gate.metric {
        case .downtime where report.probesCompleted == 0, .maxWindow where report.probesCompleted == 0:
            // No probe finished (every one cut short by a target hanging since the start): nothing was measured, and
            // a gate that measured nothing has not been met.
            observed = nil
            detail = windows
        case .downtime:
            observed = report.downtimeMs
            detail = "\(windows), \(report.probesFailed) of \(report.probesCompleted) probes failed"
        case .maxWindow:
            observed = report.longestWindowMs
            detail = windows
        case .availability:
            observed = report.availability
            detail = "\(formatMs(report.downtimeMs)) down in \(windows)"
        case .errorRate:
            observed = report.errorRate
            detail = "\(report.probesFailed) of \(report.probesCompleted) probes failed"
        case .cutoverWindow:
            guard let cutover = report.cutover else {
                result.passed = true
                result.message = report.currentVersion.map { "no cutover seen: only \($0) answered, so \(gate.metric.rawValue) does not apply" }
                    ?? "no version seen (version_from), so \(gate.metric.rawValue) does not apply"
                return result
            }
            observed = cutover.windowMs
            detail = "\(cutover.from) → \(cutover.to)\(cutover.rolledBack ? " and rolled back to \(report.currentVersion ?? "?")" : ""), "
                + "\(formatMs(cutover.mixedMs)) of mixed answers, \(cutover.flaps) flap\(cutover.flaps == 1 ? "" : "s") back"
        case .p50, .p95, .p99:
            let latency = report.latency
            observed = gate.metric == .p50 ? latency?.p50Ms : (gate.metric == .p95 ? latency?.p95Ms : latency?.p99Ms)
            detail = "n=\(latency?.n ?? 0)"
        }
        guard let observed else {
            result.message = "no probes finished to measure \(gate.metric.rawValue) on (n=0)"
            return result
        }
        result.observed = observed
        result.passed = gate.comparison.holds(percentage ? observed : observed * 1000, gate.limit)
        let shown = percentage ? String(format: gate.metric == .availability ? "%.3f%%" : "%.2f%%", observed * 100) : formatMs(observed)
        result.message = "\(gate.metric.rawValue) \(shown) (\(detail)) is \(result.passed ? "within" : "not") \(gate.comparison.rawValue) \(gate.limitText)"
        return result
    }

    private static func formatMs(_ ms: Double) -> String { DurationText.format(microseconds: ms * 1000) }
}
