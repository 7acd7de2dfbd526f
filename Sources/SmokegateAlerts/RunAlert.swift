import Foundation
import SmokegateModel
import SmokegateVerdict
import SmokegateVocabulary

/// The message a finished `run` or `watch` sends when its decision is one `alerts.on` lists.
public enum RunAlert {
    /// The message for `report`, nil when its decision is not one to alert on or the policy sends nothing. `link`
    /// stands in when the policy names none (the path of the written verdict, say). Masked by `redactor`.
    public static func message(for report: RunReport, policy: AlertPolicy, link: String?, redactor: Redactor, at now: Date = Date()) -> AlertMessage? {
        guard policy.sends, !report.alertTriggers.isDisjoint(with: policy.on) else { return nil }
        let source = report.watch == nil ? "run" : "watch"
        let targets = TargetAlertFigures.run(report)
        let environments = report.comparisons != nil
            ? report.deployments.map(\.environment)
            : report.environments.map(\.name)
        let comparison = report.comparisons.flatMap { $0.first }.map { " (\($0.candidate.environment) against \($0.baseline.environment))" } ?? ""
        let title = "smokegate \(source): \(report.decision.rawValue) in \(environments.joined(separator: ", "))\(comparison)"
        var message = AlertMessage(kind: .run, source: source, title: title, text: "", environment: environments.count == 1 ? environments.first : nil,
                                   dedupKey: "smokegate/\(source)/\(report.runID)", link: policy.link ?? link, decision: report.decision,
                                   since: report.startedAt, at: now, targets: targets)
        var lines = ["Decision: \(report.decision.rawValue) (exit \(report.exitCode.code))"]
        lines += report.reasons.prefix(AlertText.listedTargets).map { "• \($0)" }
        if report.reasons.count > AlertText.listedTargets { lines.append("… and \(report.reasons.count - AlertText.listedTargets) more reasons") }
        if !targets.isEmpty { lines += ["", AlertText.list(targets)] }
        message.text = AlertText.text(message, template: policy.template, builtIn: lines.joined(separator: "\n"))
        return message.redacted(by: redactor)
    }
}
