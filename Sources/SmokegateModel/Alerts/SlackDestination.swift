/// `slack: { webhook: … }`: a Slack incoming webhook.
public struct SlackDestination: Sendable, Hashable {
    /// The incoming-webhook URL; it is a credential (anyone holding it can post), so it is masked everywhere.
    public var webhook: String

    public init(webhook: String) {
        self.webhook = webhook
    }
}
