/// Why a TCP, Redis, PostgreSQL, DNS or gRPC probe got no usable answer: a stable reason code for reports and one sentence.
///
/// Messages never carry a password, whatever the server echoed.
public struct ProbeFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable snake_case code, the same vocabulary as HTTP transfers where the meaning is the same.
    public struct Reason: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The name did not resolve.
        public static let dns = Reason(rawValue: "dns")
        /// Nothing listens on the port (or the host is unreachable).
        public static let connectionRefused = Reason(rawValue: "connection_refused")
        /// TCP did not connect within the connect timeout.
        public static let connectTimeout = Reason(rawValue: "connect_timeout")
        /// Connected, but no (matching) reply within the read timeout.
        public static let readTimeout = Reason(rawValue: "read_timeout")
        /// The whole probe ran past its total timeout.
        public static let timeout = Reason(rawValue: "timeout")
        /// The server closed the connection before the reply was complete.
        public static let closed = Reason(rawValue: "closed")
        /// The server reset the connection.
        public static let connectionReset = Reason(rawValue: "connection_reset")
        /// The TLS handshake failed or stalled for a reason other than the certificate.
        public static let tlsHandshake = Reason(rawValue: "tls_handshake")
        /// The certificate chain is not trusted (self-signed, unknown CA).
        public static let tlsCertificateUntrusted = Reason(rawValue: "tls_certificate_untrusted")
        /// The certificate has expired (or is not yet valid).
        public static let tlsCertificateExpired = Reason(rawValue: "tls_certificate_expired")
        /// The certificate does not name the host.
        public static let tlsHostnameMismatch = Reason(rawValue: "tls_hostname_mismatch")
        /// The server answered something that is not its protocol.
        public static let protocolError = Reason(rawValue: "protocol")
        /// Credentials were refused (PostgreSQL SQLSTATE class 28, Redis -NOAUTH / -WRONGPASS).
        public static let authentication = Reason(rawValue: "auth")
        /// PostgreSQL: the database does not exist (SQLSTATE 3D000).
        public static let unknownDatabase = Reason(rawValue: "unknown_database")
        /// PostgreSQL: the query failed; the message carries SQLSTATE and the server's text.
        public static let queryError = Reason(rawValue: "query_error")
        /// Redis answered with an error reply other than an authentication one.
        public static let redisError = Reason(rawValue: "redis_error")
        /// DNS: the UDP reply was truncated and the retry over TCP failed too.
        public static let truncated = Reason(rawValue: "truncated")
        /// DNS: a reply with the query's id that is not a well-formed DNS message.
        public static let malformedReply = Reason(rawValue: "malformed_reply")
        /// gRPC: the server answered, but not as a gRPC server (an HTTP status other than 200 or another
        /// content-type, without a grpc-status; or not over HTTP/2).
        public static let notGRPC = Reason(rawValue: "not_grpc")
        /// gRPC: the server closed the call's HTTP/2 stream with no status that could be read. Servers do this when
        /// they reject a call at once, before reading the request (an unknown method, an authentication
        /// interceptor): they answer and reset the stream, and libcurl 7.88 drops such an early answer when the
        /// reset reaches it before it has sent the request body.
        public static let grpcStreamClosed = Reason(rawValue: "grpc_stream_closed")
        /// gRPC: the call ended with this status (not OK); the reason is the status's name, `UNAVAILABLE`,
        /// `DEADLINE_EXCEEDED`…, upper case as gRPC writes it, which keeps it apart from smokegate's own reasons.
        public static func grpcStatus(_ code: GRPCStatusCode) -> Reason { Reason(rawValue: code.name) }
        /// A request smokegate could not even send (bad host, empty command…).
        public static let invalidRequest = Reason(rawValue: "invalid_request")
        /// smokegate's own fault.
        public static let `internal` = Reason(rawValue: "internal")
    }

    public var reason: Reason
    /// One sentence: what failed, against whom, and what the server said.
    public var message: String
    /// Time spent before the failure, in microseconds, when known.
    public var elapsedMicroseconds: Int64?

    public init(_ reason: Reason, _ message: String, elapsedMicroseconds: Int64? = nil) {
        self.reason = reason
        self.message = message
        self.elapsedMicroseconds = elapsedMicroseconds
    }

    public var description: String { "\(reason): \(message)" }
}
