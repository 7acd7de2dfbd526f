import CCurl

extension CurlTransfer {
    /// Turns the finished transfer into a response or an error; call before `close()`, while getinfo still works.
    func outcome(for code: CURLcode) -> Result<HTTPTransferResponse, any Error> {
        if let diagnosed = certificateDiagnosis {
            return .failure(diagnosedFailure(diagnosed, code: code))
        }
        let timings = readTimings()
        guard code == CURLE_OK else {
            return .failure(HTTPTransferError(failure(code, timings: timings)))
        }
        var certificate: PeerCertificate?
        if request.captureCertificate, let leaf = easy.certificateChain().first {
            certificate = PeerCertificate(certInfoFields: leaf)
        }
        var response = HTTPTransferResponse(
            status: easy.long(CURLINFO_RESPONSE_CODE),
            headers: parsedResponseHeaders(),
            body: body,
            httpVersion: Self.versionName(easy.long(CURLINFO_HTTP_VERSION)),
            effectiveURL: easy.string(CURLINFO_EFFECTIVE_URL),
            redirectCount: easy.long(CURLINFO_REDIRECT_COUNT),
            primaryIP: easy.string(CURLINFO_PRIMARY_IP),
            primaryPort: easy.long(CURLINFO_PRIMARY_PORT),
            newConnections: easy.long(CURLINFO_NUM_CONNECTS),
            timings: timings,
            certificate: certificate,
            trailers: parsedResponseTrailers()
        )
        if request.cookies != nil { response.cookies = easy.lines(CURLINFO_COOKIELIST) }
        return .success(response)
    }

    func readTimings() -> HTTPPhaseTimings {
        var timings = HTTPPhaseTimings(
            nameLookup: easy.offset(CURLINFO_NAMELOOKUP_TIME_T),
            connectDone: easy.offset(CURLINFO_CONNECT_TIME_T),
            tlsDone: easy.offset(CURLINFO_APPCONNECT_TIME_T),
            preTransfer: easy.offset(CURLINFO_PRETRANSFER_TIME_T),
            startTransfer: easy.offset(CURLINFO_STARTTRANSFER_TIME_T),
            total: easy.offset(CURLINFO_TOTAL_TIME_T)
        )
        if timings.total == 0 {
            // Some early failures (a bad URL, a refused option) never start curl's clock.
            let elapsed = ContinuousClock.now - startedAt
            timings.total = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        }
        return timings
    }

    func failure(_ code: CURLcode, timings: HTTPPhaseTimings) -> CurlFailure {
        let target = Self.hostAndPort(of: request.url)
        let primaryIP = easy.string(CURLINFO_PRIMARY_IP)
        let primaryPort = easy.long(CURLINFO_PRIMARY_PORT)
        let endpoint: String
        if !primaryIP.isEmpty && primaryPort > 0 {
            endpoint = primaryIP.contains(":") ? "[\(primaryIP)]:\(primaryPort)" : "\(primaryIP):\(primaryPort)"
        } else if let target {
            endpoint = "\(target.host):\(target.port)"
        } else {
            endpoint = "the server"
        }
        let text = curlErrorText
        return CurlFailure(
            code: code,
            curlText: text.isEmpty ? String(cString: curl_easy_strerror(code)) : text,
            osErrno: Int32(truncatingIfNeeded: easy.long(CURLINFO_OS_ERRNO)),
            verifyResult: easy.long(CURLINFO_SSL_VERIFYRESULT),
            resolved: easy.offset(CURLINFO_NAMELOOKUP_TIME_T) > 0,
            // curl 7.88 records CONNECT_TIME only once TLS is up too; a local port is bound as soon as TCP is.
            connected: easy.offset(CURLINFO_CONNECT_TIME_T) > 0 || easy.long(CURLINFO_LOCAL_PORT) > 0,
            tlsHandshakeUnfinished: easy.string(CURLINFO_SCHEME).lowercased() == "https"
                && easy.offset(CURLINFO_APPCONNECT_TIME_T) == 0,
            bodyTooLarge: bodyTooLarge,
            headersTooLarge: headersTooLarge,
            responseHeadIncomplete: !isResponseHeadComplete,
            redirectOffHost: redirectOffHost,
            leaf: nil,
            proxyConnectCode: easy.long(CURLINFO_HTTP_CONNECTCODE),
            host: target?.host ?? "the server",
            endpoint: endpoint,
            request: request,
            timings: timings
        )
    }

    /// CURLINFO_HTTP_VERSION's CURL_HTTP_VERSION_* value as it is usually written.
    private static func versionName(_ version: Int) -> String {
        switch version {
        case Int(CURL_HTTP_VERSION_1_0): "1.0"
        case Int(CURL_HTTP_VERSION_1_1): "1.1"
        case Int(CURL_HTTP_VERSION_2_0): "2"
        case Int(CURL_HTTP_VERSION_3): "3"
        default: ""
        }
    }

    /// The URL's host and port (the scheme's default when none is given), read with curl's own URL parser
    /// so messages name what curl dialled; `nil` for a URL curl cannot parse.
    static func hostAndPort(of url: String) -> (host: String, port: String)? {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        guard url.withCString({ curl_url_set(handle, CURLUPART_URL, $0, 0) }) == CURLUE_OK else { return nil }
        func part(_ which: CURLUPart, flags: UInt32) -> String? {
            var value: UnsafeMutablePointer<CChar>?
            guard curl_url_get(handle, which, &value, flags) == CURLUE_OK, let value else { return nil }
            defer { curl_free(value) }
            return String(cString: value)
        }
        guard let host = part(CURLUPART_HOST, flags: 0) else { return nil }
        return (host, part(CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)) ?? "")
    }
}
