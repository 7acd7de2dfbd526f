import SmokegateVocabulary
import CCurl

/// The facts about a failed transfer that decide its `FailureReason`, gathered on the curl thread.
struct CurlFailure {
    var code: CURLcode
    /// curl's ERRORBUFFER text, or `curl_easy_strerror` when the buffer is empty.
    var curlText: String
    /// CURLINFO_OS_ERRNO: the errno of the last socket failure, 0 if none.
    var osErrno: Int32
    /// CURLINFO_SSL_VERIFYRESULT: OpenSSL's X509_V_* code, 0 if verification passed or never ran.
    var verifyResult: Int
    /// Whether name resolution finished (NAMELOOKUP_TIME_T > 0).
    var resolved: Bool
    /// Whether the TCP connection was made (CONNECT_TIME_T > 0).
    var connected: Bool
    /// Whether the transfer spoke https and its TLS handshake never finished (APPCONNECT_TIME_T == 0).
    var tlsHandshakeUnfinished: Bool
    /// Whether the write callback refused bytes beyond the body cap.
    var bodyTooLarge: Bool
    /// Whether the header callback refused headers beyond `CurlTransfer.headerCap`.
    var headersTooLarge = false
    /// Whether the response head was still arriving (no blank line yet) when the transfer ended.
    var responseHeadIncomplete = false
    /// Where a redirect the same-host policy refused led, when that is what stopped the transfer.
    var redirectOffHost: String? = nil
    /// The server's leaf certificate, fetched without verification after the chain failed it, so the
    /// reason can name what else is wrong (expired, another host's); `nil` when it was not fetched.
    var leaf: PeerCertificate? = nil
    /// CURLINFO_HTTP_CONNECTCODE: the proxy's answer to CONNECT, 0 when there was none.
    var proxyConnectCode = 0
    /// The URL's host, for certificate and DNS messages.
    var host: String
    /// `ip:port` that was tried, or the URL's `host:port` when curl recorded none.
    var endpoint: String
    var request: HTTPTransferRequest
    var timings: HTTPPhaseTimings
}
