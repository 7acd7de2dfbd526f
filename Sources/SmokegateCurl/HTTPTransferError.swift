/// Why a transfer produced no usable response; `reason` is a stable snake_case code for reports.
public struct HTTPTransferError: Error, Sendable, CustomStringConvertible {
    /// A stable, bounded classification of transfer failures, safe to use as a report key or metric label.
    public struct Reason: RawRepresentable, CaseIterable, Sendable, Hashable, CustomStringConvertible {
        private enum Code: String, Sendable, CaseIterable {
            case dns
            case connectionRefused = "connection_refused"
            case connectTimeout = "connect_timeout"
            case timeout
            case tlsHandshake = "tls_handshake"
            case tlsCertificateUntrusted = "tls_certificate_untrusted"
            case tlsCertificateExpired = "tls_certificate_expired"
            case tlsHostnameMismatch = "tls_hostname_mismatch"
            case tooManyRedirects = "too_many_redirects"
            case redirectOffHost = "redirect_off_host"
            case bodyTooLarge = "body_too_large"
            case connectionReset = "connection_reset"
            case closed
            case `protocol`
            case sendError = "send_error"
            case receiveError = "receive_error"
            case invalidRequest = "invalid_request"
            case proxy
            case `internal`
        }

        private let code: Code

        private init(_ code: Code) {
            self.code = code
        }

        /// Reads a reason back from its `rawValue`, e.g. from a stored report.
        public init?(rawValue: String) {
            guard let code = Code(rawValue: rawValue) else { return nil }
            self.code = code
        }

        /// The snake_case code, e.g. `connection_refused`.
        public var rawValue: String { code.rawValue }

        /// The snake_case code.
        public var description: String { code.rawValue }

        /// Every reason, in declaration order.
        public static var allCases: [Reason] { Code.allCases.map { Reason($0) } }

        /// The host name could not be resolved (or resolution timed out).
        public static let dns = Reason(.dns)
        /// Nothing listened at the address, or the network could not reach it.
        public static let connectionRefused = Reason(.connectionRefused)
        /// The TCP connection was not established within the connect timeout.
        public static let connectTimeout = Reason(.connectTimeout)
        /// The connection was made but the response did not complete within the total timeout.
        public static let timeout = Reason(.timeout)
        /// The TLS handshake failed for a reason other than certificate verification.
        public static let tlsHandshake = Reason(.tlsHandshake)
        /// The certificate chain does not lead to a trusted root (self-signed, unknown CA).
        public static let tlsCertificateUntrusted = Reason(.tlsCertificateUntrusted)
        /// A certificate in the chain has expired.
        public static let tlsCertificateExpired = Reason(.tlsCertificateExpired)
        /// The certificate does not name the URL's host.
        public static let tlsHostnameMismatch = Reason(.tlsHostnameMismatch)
        /// More redirects than `maxRedirects`.
        public static let tooManyRedirects = Reason(.tooManyRedirects)
        /// A redirect led off the request's scheme, host and port while only same-host redirects were allowed.
        public static let redirectOffHost = Reason(.redirectOffHost)
        /// The body exceeded `bodyCap`.
        public static let bodyTooLarge = Reason(.bodyTooLarge)
        /// The peer reset the connection.
        public static let connectionReset = Reason(.connectionReset)
        /// The server closed the connection early: an empty reply or a partial body.
        public static let closed = Reason(.closed)
        /// The server did not speak valid HTTP.
        public static let `protocol` = Reason(.protocol)
        /// Sending the request failed.
        public static let sendError = Reason(.sendError)
        /// Receiving the response failed.
        public static let receiveError = Reason(.receiveError)
        /// The request itself is unusable: a bad URL, an unsupported scheme, a malformed header or option.
        public static let invalidRequest = Reason(.invalidRequest)
        /// The configured proxy failed: it could not be resolved or reached, refused the tunnel or the
        /// credentials, or could not reach the target itself. The target was never asked.
        public static let proxy = Reason(.proxy)
        /// A fault of smokegate or libcurl, not of the server under test.
        public static let `internal` = Reason(.internal)
    }

    /// The classification.
    public var reason: Reason
    /// One human sentence: what happened and where, then curl's own words.
    public var message: String
    /// The libcurl `CURLcode`, 0 when the failure was detected before curl ran.
    public var curlCode: Int32
    /// What elapsed before the failure; `total` is always set for failures curl reported.
    public var timings: HTTPPhaseTimings

    /// Creates an error value.
    public init(reason: Reason, message: String, curlCode: Int32 = 0, timings: HTTPPhaseTimings = HTTPPhaseTimings()) {
        self.reason = reason
        self.message = message
        self.curlCode = curlCode
        self.timings = timings
    }

    /// `reason: message`.
    public var description: String { "\(reason.rawValue): \(message)" }
}
