import Foundation
import SmokegateModel
import SmokegateVerdict

/// The words of messages: figures in the units people read, one line per target, and the placeholders a template
/// can use. Formatting only: the figures come computed.
enum AlertText {
    /// The most targets a message lists one by one; the rest are counted.
    static let listedTargets = 10

    static func percentage(_ rate: Double?) -> String? {
        rate.map { String(format: "%.2f%%", $0 * 100) }
    }

    static func milliseconds(_ ms: Double?) -> String? {
        ms.map { DurationText.format(microseconds: $0 * 1000) }
    }

    static func seconds(_ seconds: Double?) -> String? {
        seconds.map { DurationText.format(.milliseconds(Int64(($0 * 1000).rounded()))) }
    }

    static func name(_ target: TargetAlertFigures) -> String { "\(target.suite)/\(target.check)" }

    /// `shop/health [green]: status: expected 200, got 503 · error rate 40.00% · p95 12.3ms · down 1m30s · version 1.5.0`
    static func line(_ target: TargetAlertFigures, environment: Bool = true) -> String {
        var parts: [String] = []
        if let message = target.message { parts.append(message) } else if let reason = target.reason { parts.append(reason.rawValue) }
        if let rate = percentage(target.errorRate) { parts.append("error rate \(rate)") }
        if let p95 = milliseconds(target.p95Ms) { parts.append("p95 \(p95)") }
        if let down = seconds(target.downtimeSeconds), (target.downtimeSeconds ?? 0) > 0 { parts.append("down \(down)") }
        if let version = target.version { parts.append("version \(version)") }
        let head = environment ? "\(name(target)) [\(target.environment)]" : name(target)
        return parts.isEmpty ? head : "\(head): \(parts.joined(separator: " · "))"
    }

    /// Bullet lines for the first targets, and how many more there are.
    static func list(_ targets: [TargetAlertFigures], environment: Bool = true) -> String {
        var lines = targets.prefix(listedTargets).map { "• " + line($0, environment: environment) }
        if targets.count > listedTargets { lines.append("… and \(targets.count - listedTargets) more") }
        return lines.joined(separator: "\n")
    }

    /// What a template's placeholders stand for in `message` (its title and targets already set).
    static func variables(_ message: AlertMessage) -> [String: String] {
        let first = message.targets.first
        var values: [String: String] = [
            "kind": message.kind.rawValue,
            "title": message.title,
            "environment": message.environment ?? Set(message.targets.map(\.environment)).sorted().joined(separator: ", "),
            "check": first.map(name) ?? "",
            "checks": message.targets.map(name).joined(separator: ", "),
            "version": first?.version ?? "",
            "reason": first?.message ?? first?.reason?.rawValue ?? "",
            "error_rate": percentage(first?.errorRate) ?? "",
            "p95": milliseconds(first?.p95Ms) ?? "",
            "downtime": seconds(first?.downtimeSeconds) ?? "",
            "decision": message.decision?.rawValue ?? "",
            "link": message.link ?? "",
            "since": message.since,
        ]
        values["failing"] = message.failing.map(String.init) ?? String(message.targets.count)
        values["total"] = message.total.map(String.init) ?? ""
        return values
    }

    /// The message's text: the template's for its kind when there is one, else `builtIn`.
    static func text(_ message: AlertMessage, template: AlertTemplate, builtIn: String) -> String {
        guard let text = template.text(for: message.kind) else { return builtIn }
        return AlertTemplateSyntax.render(text, variables(message))
    }
}
