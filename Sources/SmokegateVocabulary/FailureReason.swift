/// Why a probe failed, for every kind of probe: one stable snake_case code per cause, safe as a report key, a JUnit
/// failure type or a metric label.
///
/// Transports (libcurl, the TCP, TLS, PostgreSQL and Redis probes) name the ways a connection or exchange fails;
/// expectations name the part of an answer that was wrong. One vocabulary means `connection_refused` is the same
/// code whichever probe met it, and a report can group failures across kinds.
public struct FailureReason: Sendable, Hashable, Comparable, CaseIterable, Codable, CodingKeyRepresentable, CustomStringConvertible {
    private enum Code: String, Sendable, CaseIterable {
        // Reaching the peer.
        case dns
        case connectionRefused = "connection_refused"
        case connectTimeout = "connect_timeout"
        case proxy
        // The exchange.
        case readTimeout = "read_timeout"
        case timeout
        case connectionReset = "connection_reset"
        case closed
        case `protocol`
        case sendError = "send_error"
        case receiveError = "receive_error"
        case bodyTooLarge = "body_too_large"
        case tooManyRedirects = "too_many_redirects"
        case redirectOffHost = "redirect_off_host"
        case charset
        // TLS.
        case tlsHandshake = "tls_handshake"
        case tlsCertificateUntrusted = "tls_certificate_untrusted"
        case tlsCertificateExpired = "tls_certificate_expired"
        case tlsHostnameMismatch = "tls_hostname_mismatch"
        case tlsClientCertificate = "tls_client_certificate"
        // Databases.
        case authentication = "auth"
        case unknownDatabase = "unknown_database"
        case queryError = "query_error"
        case redisError = "redis_error"
        // DNS.
        case truncated
        case malformedReply = "malformed_reply"
        case rcode
        case answers
        case ttl
        case authoritative
        case disagreement
        // gRPC: the call's status, named as gRPC names it (upper case keeps INTERNAL apart from smokegate's internal).
        case notGRPC = "not_grpc"
        case grpcStreamClosed = "grpc_stream_closed"
        case grpcCancelled = "CANCELLED"
        case grpcUnknown = "UNKNOWN"
        case grpcInvalidArgument = "INVALID_ARGUMENT"
        case grpcDeadlineExceeded = "DEADLINE_EXCEEDED"
        case grpcNotFound = "NOT_FOUND"
        case grpcAlreadyExists = "ALREADY_EXISTS"
        case grpcPermissionDenied = "PERMISSION_DENIED"
        case grpcResourceExhausted = "RESOURCE_EXHAUSTED"
        case grpcFailedPrecondition = "FAILED_PRECONDITION"
        case grpcAborted = "ABORTED"
        case grpcOutOfRange = "OUT_OF_RANGE"
        case grpcUnimplemented = "UNIMPLEMENTED"
        case grpcInternal = "INTERNAL"
        case grpcUnavailable = "UNAVAILABLE"
        case grpcDataLoss = "DATA_LOSS"
        case grpcUnauthenticated = "UNAUTHENTICATED"
        // gRPC health: the serving status the server reported, other than the one expected.
        case notServing = "NOT_SERVING"
        case serviceUnknown = "SERVICE_UNKNOWN"
        case servingStatus = "serving_status"
        // What the answer said, against the check's expectations.
        case status
        case header
        case body
        case json
        case xpath
        case latency
        case reply
        case rows
        case certificateExpiry = "certificate_expiry"
        case certificate
        case version
        case httpVersion = "http_version"
        case cookie
        case capture
        // smokegate itself.
        case invalidRequest = "invalid_request"
        case `internal`
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// Reads a reason back from its code, e.g. from a stored report; nil for a code smokegate does not use.
    public init?(rawValue: String) {
        guard let code = Code(rawValue: rawValue) else { return nil }
        self.code = code
    }

    /// The snake_case code, e.g. `connection_refused`.
    public var rawValue: String { code.rawValue }

    public var description: String { code.rawValue }

    /// By code, so lists of reasons read the same in every report.
    public static func < (a: FailureReason, b: FailureReason) -> Bool { a.rawValue < b.rawValue }

    /// Every reason, in declaration order.
    public static var allCases: [FailureReason] { Code.allCases.map(FailureReason.init) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let reason = FailureReason(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown failure reason '\(text)'"))
        }
        self = reason
    }

    /// As a key of a JSON object (failures by reason): its code.
    public var codingKey: any CodingKey { Key(stringValue: rawValue) }

    public init?<T: CodingKey>(codingKey: T) {
        self.init(rawValue: codingKey.stringValue)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The host name could not be resolved (or resolution timed out).
    public static let dns = FailureReason(.dns)
    /// Nothing listened at the address, or the network could not reach it.
    public static let connectionRefused = FailureReason(.connectionRefused)
    /// The connection was not established within the connect timeout.
    public static let connectTimeout = FailureReason(.connectTimeout)
    /// The proxy in between failed: refused, unreachable, or it would not tunnel. The target was not asked.
    public static let proxy = FailureReason(.proxy)
    /// Connected, but no (matching) reply within the read timeout.
    public static let readTimeout = FailureReason(.readTimeout)
    /// The whole probe ran past its timeout.
    public static let timeout = FailureReason(.timeout)
    /// The peer reset the connection.
    public static let connectionReset = FailureReason(.connectionReset)
    /// The peer closed the connection early: an empty reply, a partial body or a partial reply.
    public static let closed = FailureReason(.closed)
    /// The peer did not speak its protocol (not HTTP, not RESP, …).
    public static let `protocol` = FailureReason(.protocol)
    /// Sending the request failed.
    public static let sendError = FailureReason(.sendError)
    /// Receiving the response failed.
    public static let receiveError = FailureReason(.receiveError)
    /// The body exceeded the check's cap.
    public static let bodyTooLarge = FailureReason(.bodyTooLarge)
    /// More redirects than the check allows.
    public static let tooManyRedirects = FailureReason(.tooManyRedirects)
    /// A redirect led off the request's scheme, host and port while only same-host redirects were allowed.
    public static let redirectOffHost = FailureReason(.redirectOffHost)
    /// The body declared a character set smokegate cannot decode.
    public static let charset = FailureReason(.charset)
    /// The TLS handshake failed or stalled for a reason other than the certificate.
    public static let tlsHandshake = FailureReason(.tlsHandshake)
    /// The certificate chain does not lead to a trusted root (self-signed, unknown CA).
    public static let tlsCertificateUntrusted = FailureReason(.tlsCertificateUntrusted)
    /// A certificate in the chain has expired (or is not yet valid).
    public static let tlsCertificateExpired = FailureReason(.tlsCertificateExpired)
    /// The certificate does not name the host.
    public static let tlsHostnameMismatch = FailureReason(.tlsHostnameMismatch)
    /// The server refused the connection for want of a client certificate it accepts (mutual TLS).
    public static let tlsClientCertificate = FailureReason(.tlsClientCertificate)
    /// Credentials were refused (PostgreSQL SQLSTATE class 28, Redis -NOAUTH / -WRONGPASS).
    public static let authentication = FailureReason(.authentication)
    /// PostgreSQL: the database does not exist (SQLSTATE 3D000).
    public static let unknownDatabase = FailureReason(.unknownDatabase)
    /// PostgreSQL: the query failed; the message carries SQLSTATE and the server's text.
    public static let queryError = FailureReason(.queryError)
    /// Redis answered with an error reply other than an authentication one.
    public static let redisError = FailureReason(.redisError)
    /// DNS: the UDP reply was truncated and the retry over TCP failed too.
    public static let truncated = FailureReason(.truncated)
    /// DNS: a reply with the query's id that is not a well-formed DNS message (also a broken gRPC response).
    public static let malformedReply = FailureReason(.malformedReply)
    /// DNS: the reply's response code (NOERROR, NXDOMAIN, SERVFAIL…) was not the expected one.
    public static let rcode = FailureReason(.rcode)
    /// DNS: the answer section did not hold the expected records (`answers`, `min_answers`).
    public static let answers = FailureReason(.answers)
    /// DNS: an answer's TTL was outside `ttl_min` … `ttl_max`.
    public static let ttl = FailureReason(.ttl)
    /// DNS: the reply's AA flag was not the expected one (`authoritative`).
    public static let authoritative = FailureReason(.authoritative)
    /// DNS: the servers of one check answered with different answer sets (`agree: true`).
    public static let disagreement = FailureReason(.disagreement)
    /// gRPC health: the server says the service is up but not serving (draining, not ready).
    public static let notServing = FailureReason(.notServing)
    /// gRPC health: the server does not know the service.
    public static let serviceUnknown = FailureReason(.serviceUnknown)
    /// gRPC health: another serving status than the expected one (UNKNOWN, a number the proto does not define, or
    /// SERVING where a check expects NOT_SERVING).
    public static let servingStatus = FailureReason(.servingStatus)
    /// gRPC: the server answered, but not as a gRPC server (an HTTP status other than 200 or another content-type,
    /// without a grpc-status; or not over HTTP/2).
    public static let notGRPC = FailureReason(.notGRPC)
    /// gRPC: the server closed the call's HTTP/2 stream with no status that could be read. Servers do this when they
    /// reject a call before reading it (an unknown method, an authentication interceptor); libcurl 7.88 drops such
    /// an early answer when the stream's reset reaches it before it has sent the request.
    public static let grpcStreamClosed = FailureReason(.grpcStreamClosed)

    /// The failure reason a gRPC status (other than OK) stands for: its name, `UNAVAILABLE`, `DEADLINE_EXCEEDED`…;
    /// nil for OK or a code gRPC does not define.
    public static func grpcStatus(named name: String) -> FailureReason? {
        guard let code = Code(rawValue: name), code.rawValue == code.rawValue.uppercased(), code.rawValue.first?.isLetter == true,
              code != .notServing, code != .serviceUnknown else { return nil }
        return FailureReason(code)
    }

    /// The failure reason a gRPC health serving status other than the expected one stands for: `NOT_SERVING`,
    /// `SERVICE_UNKNOWN`, else `serving_status` (UNKNOWN, an undefined number, SERVING where another was expected).
    public static func servingStatus(named name: String) -> FailureReason {
        switch name {
        case "NOT_SERVING": .notServing
        case "SERVICE_UNKNOWN": .serviceUnknown
        default: .servingStatus
        }
    }

    /// The status code was not the expected one.
    public static let status = FailureReason(.status)
    /// A response header was missing or did not match.
    public static let header = FailureReason(.header)
    /// The body did not match.
    public static let body = FailureReason(.body)
    /// A JSON path in the body was missing or did not match (or the body was not JSON).
    public static let json = FailureReason(.json)
    /// An XPath in the body was missing or did not match (or the body was not XML / HTML).
    public static let xpath = FailureReason(.xpath)
    /// The sample took longer than its `max_latency` (or a query its `max_query_time`).
    public static let latency = FailureReason(.latency)
    /// A TCP or Redis reply did not match.
    public static let reply = FailureReason(.reply)
    /// A PostgreSQL row count or column did not match.
    public static let rows = FailureReason(.rows)
    /// The certificate expires sooner than the check allows.
    public static let certificateExpiry = FailureReason(.certificateExpiry)
    /// The certificate's subject, issuer or names did not match.
    public static let certificate = FailureReason(.certificate)
    /// Another version answered than the environment expects (`expect_version`).
    public static let version = FailureReason(.version)
    /// Another HTTP version answered than the check requires (`http_version`).
    public static let httpVersion = FailureReason(.httpVersion)
    /// A cookie in the environment's jar was missing or did not match (`expect.cookies`).
    public static let cookie = FailureReason(.cookie)
    /// A value the check captures for later checks (`capture:`) was not in the response.
    public static let capture = FailureReason(.capture)
    /// The request itself is unusable: a bad URL, an unsupported scheme, a malformed header or option.
    public static let invalidRequest = FailureReason(.invalidRequest)
    /// A fault of smokegate or a library it uses, not of the server under test.
    public static let `internal` = FailureReason(.internal)
}
