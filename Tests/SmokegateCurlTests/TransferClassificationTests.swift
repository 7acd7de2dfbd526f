import CCurl
@testable import SmokegateCurl
import SmokegateVocabulary
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// How curl's codes, errno and the TLS verify result become stable reasons, for failures a test
/// server cannot easily produce (TLS, unreachable networks).
struct TransferClassificationTests {
    private func failure(
        _ code: CURLcode, errno: Int32 = 0, verify: Int = 0, resolved: Bool = true, connected: Bool = true,
        handshaking: Bool = false, bodyTooLarge: Bool = false
    ) -> HTTPTransferError {
        HTTPTransferError(CurlFailure(
            code: code, curlText: "curl says no", osErrno: errno, verifyResult: verify, resolved: resolved,
            connected: connected, tlsHandshakeUnfinished: handshaking, bodyTooLarge: bodyTooLarge, host: "shop.example", endpoint: "10.0.0.1:443",
            request: HTTPTransferRequest(url: "https://shop.example/", totalTimeout: .milliseconds(1500)),
            timings: HTTPPhaseTimings(total: 42)))
    }

    @Test func tlsVerificationFailuresAreToldApart() {
        #expect(failure(CURLE_PEER_FAILED_VERIFICATION, verify: 10).reason == .tlsCertificateExpired)
        #expect(failure(CURLE_PEER_FAILED_VERIFICATION, verify: 18).reason == .tlsCertificateUntrusted)
        #expect(failure(CURLE_PEER_FAILED_VERIFICATION, verify: 19).reason == .tlsCertificateUntrusted)
        #expect(failure(CURLE_PEER_FAILED_VERIFICATION, verify: 20).reason == .tlsCertificateUntrusted)
        #expect(failure(CURLE_PEER_FAILED_VERIFICATION, verify: 62).reason == .tlsHostnameMismatch)
        // OpenSSL accepted the chain; curl's own host name check refused it.
        #expect(failure(CURLE_PEER_FAILED_VERIFICATION, verify: 0).reason == .tlsHostnameMismatch)
        #expect(failure(CURLE_SSL_CONNECT_ERROR, verify: 0).reason == .tlsHandshake)
        #expect(failure(CURLE_SSL_CONNECT_ERROR, verify: 10).reason == .tlsCertificateExpired)
    }

    @Test func connectFailuresUseErrno() {
        #expect(failure(CURLE_COULDNT_CONNECT, errno: ECONNREFUSED, connected: false).reason == .connectionRefused)
        #expect(failure(CURLE_COULDNT_CONNECT, errno: ETIMEDOUT, connected: false).reason == .connectTimeout)
        #expect(failure(CURLE_COULDNT_CONNECT, errno: EHOSTUNREACH, connected: false).reason == .connectionRefused)
        #expect(failure(CURLE_RECV_ERROR, errno: ECONNRESET).reason == .connectionReset)
        #expect(failure(CURLE_RECV_ERROR, errno: EIO).reason == .receiveError)
        #expect(failure(CURLE_SEND_ERROR, errno: EPIPE).reason == .connectionReset)
        #expect(failure(CURLE_SEND_ERROR, errno: 0).reason == .sendError)
    }

    @Test func timeoutsSayWhichPhaseRanOut() {
        #expect(failure(CURLE_OPERATION_TIMEDOUT, resolved: false, connected: false).reason == .dns)
        #expect(failure(CURLE_OPERATION_TIMEDOUT, connected: false).reason == .connectTimeout)
        #expect(failure(CURLE_OPERATION_TIMEDOUT, handshaking: true).reason == .tlsHandshake)
        let late = failure(CURLE_OPERATION_TIMEDOUT)
        #expect(late.reason == .timeout)
        #expect(late.message == "10.0.0.1:443 did not complete the response within 1500 ms (curl: curl says no)")
        #expect(late.curlCode == 28)
        #expect(late.timings.total == 42)
    }

    @Test func bodyCapAndOtherCodes() {
        #expect(failure(CURLE_WRITE_ERROR, bodyTooLarge: true).reason == .bodyTooLarge)
        #expect(failure(CURLE_WRITE_ERROR).reason == .internal)
        #expect(failure(CURLE_TOO_MANY_REDIRECTS).reason == .tooManyRedirects)
        #expect(failure(CURLE_GOT_NOTHING).reason == .closed)
        #expect(failure(CURLE_PARTIAL_FILE).reason == .closed)
        #expect(failure(CURLE_WEIRD_SERVER_REPLY).reason == .protocol)
        #expect(failure(CURLE_URL_MALFORMAT).reason == .invalidRequest)
        #expect(failure(CURLE_UNSUPPORTED_PROTOCOL, connected: false).reason == .invalidRequest)
        // Once connected, curl's "unsupported protocol" is a reply that is not HTTP at all.
        #expect(failure(CURLE_UNSUPPORTED_PROTOCOL, connected: true).reason == .protocol)
        #expect(failure(CURLE_COULDNT_RESOLVE_HOST, resolved: false).reason == .dns)
        #expect(failure(CURLE_OUT_OF_MEMORY).reason == .internal)
    }

    /// With a proxy, curl's connection is the one to the proxy: its failures blame the proxy, named by its label.
    @Test func failuresAtTheProxyBlameTheProxy() {
        func proxied(_ code: CURLcode, errno: Int32 = 0, connected: Bool = false, connectCode: Int = 0) -> HTTPTransferError {
            var request = HTTPTransferRequest(url: "https://shop.example/")
            request.proxy = HTTPProxy(url: "http://probe:secret@10.0.0.9:3128", label: "http://probe:***@10.0.0.9:3128")
            var failure = CurlFailure(
                code: code, curlText: "curl says no", osErrno: errno, verifyResult: 0, resolved: true, connected: connected,
                tlsHandshakeUnfinished: false, bodyTooLarge: false, host: "shop.example", endpoint: "10.0.0.9:3128",
                request: request, timings: HTTPPhaseTimings(total: 42))
            failure.proxyConnectCode = connectCode
            return HTTPTransferError(failure)
        }
        let refused = proxied(CURLE_COULDNT_CONNECT, errno: ECONNREFUSED)
        #expect(refused.reason == .proxy)
        #expect(refused.message.hasPrefix("the proxy http://probe:***@10.0.0.9:3128 refused the connection (10.0.0.9:3128); shop.example was not asked"))
        #expect(!refused.message.contains("secret"))
        #expect(proxied(CURLE_COULDNT_RESOLVE_PROXY).reason == .proxy)
        #expect(proxied(CURLE_OPERATION_TIMEDOUT).reason == .proxy)
        #expect(proxied(CURLE_PROXY, connected: true).reason == .proxy)
        let tunnel = proxied(CURLE_COULDNT_CONNECT, connected: true, connectCode: 403)
        #expect(tunnel.reason == .proxy)
        #expect(tunnel.message.contains("answered CONNECT with 403"))
        // Past the proxy, the target's own failures keep their reasons.
        #expect(proxied(CURLE_OPERATION_TIMEDOUT, connected: true).reason == .timeout)
        #expect(proxied(CURLE_GOT_NOTHING, connected: true).reason == .closed)
    }

    @Test func timeoutsBecomeWholeMillisecondsAndNeverZero() {
        #expect(Duration.seconds(5).curlMilliseconds == 5000)
        #expect(Duration.microseconds(1500).curlMilliseconds == 2)
        #expect(Duration.zero.curlMilliseconds == 1)
        #expect(Duration.milliseconds(-3).curlMilliseconds == 1)
    }

    @Test func phasesComeFromCumulativeCounters() {
        let timings = HTTPPhaseTimings(
            nameLookup: 100, connectDone: 300, tlsDone: 0, preTransfer: 320, startTransfer: 1320, total: 1500)
        #expect(timings == HTTPPhaseTimings(
            dns: 100, connect: 200, tls: 0, server: 1000, transfer: 180, firstByte: 1320, total: 1500))
        let failedEarly = HTTPPhaseTimings(
            nameLookup: 50, connectDone: 0, tlsDone: 0, preTransfer: 0, startTransfer: 0, total: 900)
        #expect(failedEarly == HTTPPhaseTimings(dns: 50, total: 900))
    }
}
