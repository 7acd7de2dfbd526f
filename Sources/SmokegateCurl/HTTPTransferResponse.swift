/// What came back.
public struct HTTPTransferResponse: Sendable {
    /// The status code of the final response.
    public var status: Int
    /// Headers of the final response only, in arrival order (earlier 1xx and redirect responses are dropped).
    public var headers: [(name: String, value: String)]
    /// Trailer fields of the final response, in arrival order: what HTTP/2 (gRPC's status) or a chunked HTTP/1.1
    /// body sends after the body.
    public var trailers: [(name: String, value: String)]
    /// The body, at most the request's `bodyCap` bytes.
    public var body: [UInt8]
    /// The protocol version that answered: "1.0", "1.1", "2" or "3" (empty if curl could not tell).
    public var httpVersion: String
    /// The URL of the final response, after redirects.
    public var effectiveURL: String
    /// How many redirects were followed.
    public var redirectCount: Int
    /// The address that answered the final request.
    public var primaryIP: String
    /// The port that answered the final request.
    public var primaryPort: Int
    /// How many new connections the transfer opened (0 means a pooled connection served it).
    public var newConnections: Int
    /// Where the time went.
    public var timings: HTTPPhaseTimings
    /// The server's leaf certificate, when the request asked for it and the transfer used a new TLS connection.
    public var certificate: PeerCertificate?
    /// The cookie jar as the transfer ended, in Netscape cookie-file lines; empty when the request left cookies off.
    public var cookies: [String] = []

    /// Creates a response value.
    public init(
        status: Int, headers: [(name: String, value: String)], body: [UInt8], httpVersion: String,
        effectiveURL: String, redirectCount: Int, primaryIP: String, primaryPort: Int,
        newConnections: Int, timings: HTTPPhaseTimings, certificate: PeerCertificate?,
        trailers: [(name: String, value: String)] = []
    ) {
        self.status = status
        self.headers = headers
        self.trailers = trailers
        self.body = body
        self.httpVersion = httpVersion
        self.effectiveURL = effectiveURL
        self.redirectCount = redirectCount
        self.primaryIP = primaryIP
        self.primaryPort = primaryPort
        self.newConnections = newConnections
        self.timings = timings
        self.certificate = certificate
    }

    /// The value of the first header with this name, compared case-insensitively.
    public func headerValue(_ name: String) -> String? {
        Self.value(of: name, in: headers)
    }

    /// The value of the first trailer field with this name, compared case-insensitively.
    public func trailerValue(_ name: String) -> String? {
        Self.value(of: name, in: trailers)
    }

    private static func value(of name: String, in fields: [(name: String, value: String)]) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }
}
