/// Which HTTP version a transfer speaks (CURLOPT_HTTP_VERSION).
public enum HTTPVersionPreference: String, Sendable, Hashable, CaseIterable {
    /// HTTP/1.1 only, also over TLS.
    case http1_1 = "1.1"
    /// HTTP/2 when the TLS handshake negotiates it (ALPN), HTTP/1.1 otherwise and for cleartext `http://`: libcurl's
    /// own default, and what a transfer does unless told otherwise.
    case http2 = "2"
    /// HTTP/2 from the first byte without negotiating (RFC 9113 §3.3, "prior knowledge"): cleartext h2c, as gRPC
    /// servers expect. Over TLS, HTTP/2 is still negotiated with ALPN.
    case http2PriorKnowledge = "2-prior-knowledge"
    /// HTTP/2 by ALPN over TLS, and over cleartext `http://` an HTTP/1.1 request offering `Upgrade: h2c`
    /// (RFC 7540 §3.2): what a check that requires HTTP/2 asks for, so a server that cannot speak it answers in 1.1
    /// and the check can say so.
    case http2WithUpgrade = "2-upgrade"
}
