import SmokegateCurl

/// A `grpc.health.v1.Health/Check` call: where, for which service, with what metadata and deadline.
public struct GRPCHealthProbeRequest: Sendable {
    /// The server as a URL: `http://host:port` speaks cleartext HTTP/2 with prior knowledge (h2c), `https://host:port`
    /// TLS with HTTP/2 negotiated by ALPN. A path, if any, is kept in front of the method's (a prefixing proxy).
    public var url: String
    /// The service asked about; empty asks about the whole server.
    public var service: String
    /// Sent as request headers, names lower-cased; values never appear in a message. Names that gRPC or HTTP/2
    /// reserve (`grpc-*`, `content-type`, `te`, `host`, `connection`, pseudo-headers) are refused.
    public var metadata: [(name: String, value: String)]
    /// The whole call, connect included: sent as `grpc-timeout`, and a call still unanswered then is
    /// DEADLINE_EXCEEDED.
    public var deadline: Duration
    /// How long TCP connect (and name resolution before it) may take, within the deadline.
    public var connectTimeout: Duration
    /// Skips certificate and host name verification (https only).
    public var insecure: Bool
    /// A PEM file of the certificates to trust instead of the system's (https only).
    public var caFile: String?
    /// A directory of hashed CA certificates to trust instead of the system's (https only).
    public var caPath: String?
    /// The client certificate for mutual TLS (https only).
    public var clientCertificate: HTTPClientCertificate?
    /// The oldest TLS version accepted (https only).
    public var tlsMinimumVersion: TLSMinimumVersion?
    /// `HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT` pins, as for HTTP: the name (and SNI, certificate checks) stays.
    public var connectTo: [String]
    /// Whether the server's leaf certificate is returned (https only).
    public var captureCertificate: Bool

    /// A Check call to `url`; defaults: the whole server, no metadata, a 5 s deadline, verification on.
    public init(
        url: String,
        service: String = "",
        metadata: [(name: String, value: String)] = [],
        deadline: Duration = .seconds(5),
        connectTimeout: Duration = .seconds(5),
        insecure: Bool = false,
        caFile: String? = nil,
        connectTo: [String] = [],
        captureCertificate: Bool = false
    ) {
        self.url = url
        self.service = service
        self.metadata = metadata
        self.deadline = deadline
        self.connectTimeout = connectTimeout
        self.insecure = insecure
        self.caFile = caFile
        self.connectTo = connectTo
        self.captureCertificate = captureCertificate
    }
}
