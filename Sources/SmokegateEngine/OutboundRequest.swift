import SmokegateModel
import SmokegateVocabulary

/// An HTTP request smokegate sends on its own behalf, not a probe: a Pushgateway push, an alert. It goes through
/// the prober's libcurl engine, so there is one HTTP client in the process, with its timeouts and failure reasons.
public struct OutboundRequest: Sendable {
    public var method: String
    /// An absolute http(s) URL.
    public var url: String
    public var headers: [HeaderField]
    public var body: [UInt8]
    /// The whole exchange, connecting included, may take this long; then it fails with `timeout`.
    public var timeout: Duration

    public init(method: String = "POST", url: String, headers: [HeaderField] = [], body: [UInt8] = [], timeout: Duration = .seconds(10)) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// What the receiver answered (any status: the caller decides what counts as accepted).
public struct OutboundResponse: Sendable {
    public var status: Int
    /// At most `OutboundRequest`'s body cap (64 KiB): enough for an error message, never a flood.
    public var body: [UInt8]
    /// `Retry-After` in seconds, when the receiver sent one as a number (Slack and PagerDuty do with 429).
    public var retryAfterSeconds: Double?

    /// 2xx.
    public var accepted: Bool { (200..<300).contains(status) }
}

/// Why no answer came: the failure reason smokegate uses for probes (`connection_refused`, `timeout`…) and curl's words.
public struct OutboundError: Error, Sendable, CustomStringConvertible {
    public var reason: FailureReason
    public var message: String

    public var description: String { "\(reason.rawValue): \(message)" }
}
