import Foundation
import SmokegateModel

/// A PagerDuty Events API v2 event: `trigger` (an incident opens, or more of it fails: the same `dedup_key` updates
/// the open incident) or `resolve`. Reminders send nothing: PagerDuty re-notifies by its own escalation policy.
struct PagerDutyEvent: Encodable {
    struct Payload: Encodable {
        var summary: String
        var source: String
        var severity: String
        var timestamp: String
        var component: String?
        var group: String?
        var `class`: String?
        var customDetails: [String: String]
    }

    struct Link: Encodable {
        var href: String
        var text: String
    }

    var routingKey: String
    var eventAction: String
    var dedupKey: String
    var payload: Payload?
    var links: [Link]?
    var client: String?

    /// The event for `message`, nil for a kind PagerDuty gets nothing for.
    init?(_ message: AlertMessage, destination: PagerDutyDestination) {
        routingKey = destination.routingKey
        dedupKey = String(message.dedupKey.prefix(255))
        switch message.kind {
        case .resolved:
            eventAction = "resolve"
            return
        case .reminder:
            return nil
        case .failing, .more, .run:
            eventAction = "trigger"
        }
        let first = message.targets.first
        var details: [String: String] = ["text": message.text]
        if let environment = message.environment { details["environment"] = environment }
        if let decision = message.decision { details["decision"] = decision.rawValue }
        if let failing = message.failing, let total = message.total { details["failing"] = "\(failing) of \(total)" }
        if !message.targets.isEmpty { details["checks"] = message.targets.map(AlertText.name).joined(separator: ", ") }
        if let version = first?.version { details["version"] = version }
        if let rate = AlertText.percentage(first?.errorRate) { details["error_rate"] = rate }
        if let p95 = AlertText.milliseconds(first?.p95Ms) { details["p95"] = p95 }
        if let downtime = AlertText.seconds(first?.downtimeSeconds) { details["downtime"] = downtime }
        payload = Payload(summary: String(message.title.prefix(1024)), source: "smokegate \(message.source)", severity: destination.severity.rawValue,
                          timestamp: message.at.formatted(.iso8601), component: first.map(AlertText.name), group: message.environment,
                          class: first?.reason?.rawValue, customDetails: details)
        links = message.link.map { [Link(href: $0, text: message.source == "serve" ? "Status page" : "Report")] }
        client = "smokegate"
    }
}
