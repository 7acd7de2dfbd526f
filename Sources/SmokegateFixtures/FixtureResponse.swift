/// A scripted HTTP response: status, headers, body, and how long to wait before sending it.
public struct FixtureResponse: Sendable {
    /// The status code; any value is sent as is, with the standard reason phrase when one exists.
    public var status: Int
    /// Headers sent in this order. `Content-Length` is added unless present here.
    public var headers: [(name: String, value: String)]
    /// The body bytes (not sent for `HEAD` requests nor for 1xx, 204 and 304 statuses).
    public var body: [UInt8]
    /// The wait before answering, measured from the moment the whole request had arrived.
    public var delay: Duration

    /// Creates a response; every part has a neutral default.
    public init(
        status: Int = 200,
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        delay: Duration = .zero
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
    }

    /// A UTF-8 plain-text response.
    public static func text(_ s: String, status: Int = 200, delay: Duration = .zero) -> FixtureResponse {
        typed("text/plain; charset=utf-8", s, status: status, delay: delay)
    }

    /// A JSON response; `s` is sent verbatim, so it may be deliberately malformed.
    public static func json(_ s: String, status: Int = 200, delay: Duration = .zero) -> FixtureResponse {
        typed("application/json", s, status: status, delay: delay)
    }

    /// A UTF-8 HTML response.
    public static func html(_ s: String, status: Int = 200, delay: Duration = .zero) -> FixtureResponse {
        typed("text/html; charset=utf-8", s, status: status, delay: delay)
    }

    /// A response whose body is `s` in UTF-8 with the given `Content-Type`.
    static func typed(_ contentType: String, _ s: String, status: Int, delay: Duration) -> FixtureResponse {
        FixtureResponse(
            status: status,
            headers: [(name: "Content-Type", value: contentType)],
            body: Array(s.utf8),
            delay: delay
        )
    }
}
