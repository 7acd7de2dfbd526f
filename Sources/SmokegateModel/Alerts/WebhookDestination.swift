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
