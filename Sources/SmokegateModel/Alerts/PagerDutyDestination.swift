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
