/// Where an alert goes: one provider with its settings, secrets included (they never reach a message).
public enum AlertDestination: Sendable, Hashable {
    case slack(SlackDestination)
    case webhook(WebhookDestination)
    case pagerDuty(PagerDutyDestination)

    /// `slack`, `webhook` or `pagerduty`: the provider's config key, and the label its delivery counters carry.
    public var provider: String {
        switch self {
        case .slack: "slack"
        case .webhook: "webhook"
        case .pagerDuty: "pagerduty"
        }
    }
}

/// `slack: { webhook: … }`: a Slack incoming webhook.
public struct SlackDestination: Sendable, Hashable {
    /// The incoming-webhook URL; it is a credential (anyone holding it can post), so it is masked everywhere.
    public var webhook: String

    public init(webhook: String) {
        self.webhook = webhook
    }
}

/// `webhook: { url, secret, headers }`: smokegate's own JSON payload (`docs/alert-webhook.schema.json`) to any URL.
public struct WebhookDestination: Sendable, Hashable {
    public var url: String
    /// With a secret, every request carries `X-Smokegate-Signature: sha256=<hex HMAC-SHA256 of the body>`.
    public var secret: String?
    /// Extra request headers, sent as given.
    public var headers: [HeaderField]

    public init(url: String, secret: String? = nil, headers: [HeaderField] = []) {
        self.url = url
        self.secret = secret
        self.headers = headers
    }
}

/// `pagerduty: { routing_key, severity }`: PagerDuty's Events API v2.
public struct PagerDutyDestination: Sendable, Hashable {
    /// The Events API v2 endpoint.
    public static let eventsURL = "https://events.pagerduty.com/v2/enqueue"

    /// The integration's routing key; a credential, masked everywhere but in the event's `routing_key` field.
    public var routingKey: String
    public var severity: PagerDutySeverity
    /// Where events are posted: PagerDuty's endpoint unless `url:` names another (a relay, a test receiver).
    public var url: String

    public init(routingKey: String, severity: PagerDutySeverity = .critical, url: String = PagerDutyDestination.eventsURL) {
        self.routingKey = routingKey
        self.severity = severity
        self.url = url
    }
}

/// The severities PagerDuty's Events API v2 accepts.
public enum PagerDutySeverity: String, Sendable, Hashable, CaseIterable, Codable {
    case critical, error, warning, info
}
