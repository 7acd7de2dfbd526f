/// One `alerts:` block as written, in the suite, an environment or a check. Every key is optional: a more specific
/// block overrides only the keys it sets (`AlertRouting.policy(for:)` resolves them).
public struct AlertBlock: Sendable, Hashable {
    /// `enabled: false` silences the targets the block covers.
    public var enabled: Bool?
    /// For `run` and `watch`: the decisions that send a message.
    public var on: [AlertTrigger]?
    /// For `serve`: consecutive failing probes before a target counts as failing.
    public var failureThreshold: Int?
    /// For `serve`: consecutive passing probes before a failing target counts as recovered.
    public var successThreshold: Int?
    /// For `serve`: how often a reminder goes out while an incident stays open; zero sends none.
    public var reminderEvery: Duration?
    /// For `serve`: targets of one environment that start failing within this span share one message.
    public var groupWithin: Duration?
    /// The report or status-page link messages carry.
    public var link: String?
    /// The message text, overriding the built-in one.
    public var template: AlertTemplate?
    public var slack: SlackDestination?
    public var webhook: WebhookDestination?
    public var pagerDuty: PagerDutyDestination?
    /// Where the block starts, for messages that point at it.
    public var location: SourceLocation

    public init(location: SourceLocation) {
        self.location = location
    }

    /// The providers this block names, in a fixed order (Slack, webhook, PagerDuty).
    public var destinations: [AlertDestination] {
        [slack.map(AlertDestination.slack), webhook.map(AlertDestination.webhook), pagerDuty.map(AlertDestination.pagerDuty)].compactMap { $0 }
    }
}
