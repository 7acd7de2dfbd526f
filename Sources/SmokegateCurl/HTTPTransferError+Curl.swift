import SmokegateVocabulary
import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension HTTPTransferError {
    /// OpenSSL's X509_V_ERR_* codes that CURLINFO_SSL_VERIFYRESULT reports.
    private enum X509Verify {
        static let ok = 0
        static let unableToGetIssuerCert = 2
        static let certNotYetValid = 9
        static let certHasExpired = 10
        static let depthZeroSelfSigned = 18
        static let selfSignedInChain = 19
        static let unableToGetIssuerCertLocally = 20
        static let unableToVerifyLeafSignature = 21
        static let hostnameMismatch = 62
    }

    /// Classifies a failed transfer from its CURLcode, refined by errno and the TLS verify result
    /// where one code covers several causes.
    init(_ failure: CurlFailure) {
        let (reason, phrase) = Self.classify(failure)
        self.init(
            reason: reason,
            message: "\(phrase) (curl: \(failure.curlText))",
            curlCode: Int32(bitPattern: failure.code.rawValue),
            timings: failure.timings
        )
    }

    private static func classify(_ failure: CurlFailure) -> (FailureReason, String) {
        if let proxy = failure.request.proxy, let phrase = proxyPhrase(failure, proxy: proxy) {
            return (.proxy, phrase)
        }
        if let refusal = tlsRefusal(failure) { return refusal }
        let code = failure.code
        let endpoint = failure.endpoint
        let host = failure.host
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return (.dns, "could not resolve host \(host)")
        case CURLE_COULDNT_CONNECT:
            if failure.osErrno == ECONNREFUSED {
                return (.connectionRefused, "connection refused by \(endpoint)")
            }
            if failure.osErrno == ETIMEDOUT {
                return (.connectTimeout, "connecting to \(endpoint) timed out")
            }
            // Unreachable hosts and networks have no reason of their own: nothing answered either way.
            return (.connectionRefused, "could not connect to \(endpoint)\(errnoSuffix(failure.osErrno))")
        case CURLE_OPERATION_TIMEDOUT:
            if !failure.resolved {
                return (.dns, "resolving \(host) timed out")
            }
            if !failure.connected {
                return (.connectTimeout, "connecting to \(endpoint) timed out")
            }
            if failure.tlsHandshakeUnfinished {
                return (.tlsHandshake, "the TLS handshake with \(endpoint) did not finish in time")
            }
            let limit = failure.request.totalTimeout.curlMilliseconds
            return (.timeout, "\(endpoint) did not complete the response within \(limit) ms")
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR:
            return classifyTLS(failure)
        case CURLE_SSL_CIPHER, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_CLIENTCERT,
             CURLE_SSL_ENGINE_INITFAILED:
            return (.tlsHandshake, "the TLS handshake with \(endpoint) failed")
        case CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ISSUER_ERROR:
            return (.tlsCertificateUntrusted, "the certificate of \(host) is not trusted")
        case CURLE_TOO_MANY_REDIRECTS:
            return (.tooManyRedirects, "more than \(max(0, failure.request.maxRedirects)) redirects")
        case CURLE_WRITE_ERROR where failure.headersTooLarge:
            return (.protocol, "\(endpoint) sent more than \(CurlTransfer.headerCap / 1024) KiB of response headers")
        case CURLE_OUT_OF_MEMORY where failure.connected && failure.responseHeadIncomplete:
            // curl refuses a single header line over 100 KB this way (7.88; CURLE_TOO_LARGE from 8.6).
            return (.protocol, "\(endpoint) sent a response header line longer than curl accepts")
        case CURLE_WRITE_ERROR where failure.redirectOffHost != nil:
            let target = failure.redirectOffHost ?? "another host"
            let origin = URLOrigin(failure.request.url)?.description ?? host
            return (.redirectOffHost, "redirected to \(target), off \(origin) (follow_redirects: same_host)")
        case CURLE_WRITE_ERROR where failure.bodyTooLarge, CURLE_FILESIZE_EXCEEDED:
            return (.bodyTooLarge, "the response body exceeded the cap of \(max(0, failure.request.bodyCap)) bytes")
        case CURLE_RECV_ERROR:
            if failure.osErrno == ECONNRESET {
                return (.connectionReset, "\(endpoint) reset the connection")
            }
            return (.receiveError, "receiving the response from \(endpoint) failed\(errnoSuffix(failure.osErrno))")
        case CURLE_SEND_ERROR:
            if failure.osErrno == ECONNRESET || failure.osErrno == EPIPE {
                return (.connectionReset, "\(endpoint) reset the connection while the request was sent")
            }
            return (.sendError, "sending the request to \(endpoint) failed\(errnoSuffix(failure.osErrno))")
        case CURLE_GOT_NOTHING:
            return (.closed, "\(endpoint) closed the connection without replying")
        case CURLE_PARTIAL_FILE:
            return (.closed, "\(endpoint) closed the connection before the body was complete")
        case CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3, CURLE_BAD_CONTENT_ENCODING:
            return (.protocol, "\(endpoint) did not answer with valid HTTP")
        case CURLE_UNSUPPORTED_PROTOCOL where failure.connected:
            // After connecting this is curl refusing an HTTP/0.9-style reply: bytes that are not HTTP.
            return (.protocol, "\(endpoint) did not answer with valid HTTP")
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_NOT_BUILT_IN, CURLE_SETOPT_OPTION_SYNTAX,
             CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CRL_BADFILE, CURLE_BAD_FUNCTION_ARGUMENT:
            return (.invalidRequest, "the request cannot be sent")
        default:
            return (.internal, "libcurl failed with code \(failure.code.rawValue)")
        }
    }

    /// The failures that happen at the proxy rather than at the target: reaching it, its tunnel (CONNECT or SOCKS),
    /// its credentials. With a proxy, curl's TCP connect is the one to the proxy; the target is the proxy's to reach.
    private static func proxyPhrase(_ failure: CurlFailure, proxy: HTTPProxy) -> String? {
        let target = failure.host
        if failure.proxyConnectCode >= 300 {
            return "the proxy \(proxy.label) refused the tunnel to \(target): it answered CONNECT with \(failure.proxyConnectCode)"
        }
        switch failure.code {
        case CURLE_COULDNT_RESOLVE_PROXY:
            return "could not resolve the proxy \(proxy.label); \(target) was not asked"
        case CURLE_COULDNT_CONNECT where failure.osErrno == ECONNREFUSED:
            return "the proxy \(proxy.label) refused the connection (\(failure.endpoint)); \(target) was not asked"
        case CURLE_COULDNT_CONNECT:
            return "could not connect to the proxy \(proxy.label)\(errnoSuffix(failure.osErrno)); \(target) was not asked"
        case CURLE_OPERATION_TIMEDOUT where !failure.connected:
            return "connecting to the proxy \(proxy.label) timed out; \(target) was not asked"
        case CURLE_PROXY:
            return "the proxy \(proxy.label) failed to open a connection to \(target)"
        default:
            return nil
        }
    }

    /// What the server's TLS alert says when it is the server that refused: a client certificate it wanted or did not
    /// accept (mutual TLS; in TLS 1.3 the alert comes after the handshake, on the first read), or no version both
    /// sides speak. OpenSSL names the alert in curl's text.
    private static func tlsRefusal(_ failure: CurlFailure) -> (FailureReason, String)? {
        guard [CURLE_SSL_CONNECT_ERROR, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PEER_FAILED_VERIFICATION].contains(failure.code) else { return nil }
        let text = failure.curlText.lowercased()
        let endpoint = failure.endpoint
        if text.contains("alert certificate required") {
            return (.tlsClientCertificate, "\(endpoint) requires a client certificate and refused the connection without one")
        }
        if failure.request.clientCertificate != nil,
           ["alert unknown ca", "alert bad certificate", "alert certificate unknown", "alert unsupported certificate", "alert access denied"]
            .contains(where: text.contains) {
            return (.tlsClientCertificate, "\(endpoint) did not accept the client certificate")
        }
        if text.contains("alert protocol version") || text.contains("unsupported protocol") || text.contains("no protocols available") {
            let minimum = failure.request.tlsMinimumVersion.map { " (tls_min_version: \($0.rawValue))" } ?? ""
            return (.tlsHandshake, "the TLS handshake with \(endpoint) failed: no TLS version both sides accept\(minimum)")
        }
        return nil
    }

    private static func classifyTLS(_ failure: CurlFailure) -> (FailureReason, String) {
        let host = failure.host
        switch failure.verifyResult {
        case X509Verify.certHasExpired:
            return (.tlsCertificateExpired, "the certificate of \(host) has expired")
        case X509Verify.hostnameMismatch:
            return (.tlsHostnameMismatch, "the certificate does not name \(host)")
        case X509Verify.depthZeroSelfSigned, X509Verify.selfSignedInChain, X509Verify.unableToGetIssuerCertLocally,
             X509Verify.unableToGetIssuerCert, X509Verify.unableToVerifyLeafSignature:
            // OpenSSL stopped at the chain; the leaf, when it could be fetched, says what else is wrong.
            if let leaf = failure.leaf {
                return classifyRejected(leaf, host: host, selfSigned: failure.verifyResult == X509Verify.depthZeroSelfSigned)
            }
            return (.tlsCertificateUntrusted, "the certificate of \(host) is not trusted")
        case X509Verify.certNotYetValid:
            return (.tlsCertificateUntrusted, "the certificate of \(host) is not trusted")
        case X509Verify.ok where failure.code == CURLE_PEER_FAILED_VERIFICATION:
            // OpenSSL accepted the chain, so curl's own host name check is what failed.
            return (.tlsHostnameMismatch, "the certificate does not name \(host)")
        case X509Verify.ok:
            return (.tlsHandshake, "the TLS handshake with \(failure.endpoint) failed")
        default:
            return (.tlsCertificateUntrusted, "the certificate of \(host) failed verification (X509 error \(failure.verifyResult))")
        }
    }

    private static func errnoSuffix(_ number: Int32) -> String {
        guard number != 0, let text = strerror(number) else { return "" }
        return ": \(String(cString: text))"
    }
}
