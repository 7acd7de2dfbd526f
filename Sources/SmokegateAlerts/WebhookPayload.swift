import Foundation
import SmokegateVerdict

/// smokegate's own webhook body, described by `docs/alert-webhook.schema.json`: every fact of the message as
/// fields a receiver can route on, plus the title and text for people.
struct WebhookPayload: Encodable {
    static let schemaVersion = "1.0"

    var schemaVersion = WebhookPayload.schemaVersion
    var source: String
    var kind: String
    /// `firing` or `resolved`, as Alertmanager's receivers expect.
    var status: String
    var dedupKey: String
    var title: String
    var text: String
    var environment: String?
    var decision: String?
    var failing: Int?
    var total: Int?
    var link: String?
    var since: String
    var sentAt: String
    /// `TargetAlertFigures` as they are: snake_case keys, absent figures left out.
    var targets: [TargetAlertFigures]

    init(_ message: AlertMessage) {
        source = message.source
        kind = message.kind.rawValue
        status = message.resolves ? "resolved" : "firing"
        dedupKey = message.dedupKey
        title = message.title
        text = message.text
        environment = message.environment
        decision = message.decision?.rawValue
        failing = message.failing
        total = message.total
        link = message.link
        since = message.since
        sentAt = message.at.formatted(.iso8601)
        targets = message.targets
    }
}
