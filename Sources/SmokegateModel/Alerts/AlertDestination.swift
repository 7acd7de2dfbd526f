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
