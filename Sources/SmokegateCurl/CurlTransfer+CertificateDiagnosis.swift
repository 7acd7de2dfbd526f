import CCurl

extension CurlTransfer {
    /// OpenSSL's X509_V_ERR_* results that are about the chain (self-signed, unknown issuer). Verification stops
    /// at the first error, and for a self-signed certificate that is this one, before dates or names are looked at.
    private static let chainVerifyResults: Set<Int> = [2, 18, 19, 20, 21]

    /// The least time left under the total timeout for which a second handshake is worth trying.
    private static let minimumDiagnosisTime: Duration = .milliseconds(20)

    /// After a verification failure that only says "untrusted", re-arms the handle to fetch the server's
    /// certificate in a handshake without verification, so the reason can say whether it has also expired or
    /// names another host. Returns false, leaving the handle as it was, when there is nothing to learn.
    ///
    /// Safe because nothing is sent over that connection: CONNECT_ONLY ends the transfer after the handshake,
    /// and the connection and its TLS session are never reused (FORBID_REUSE, no session cache), so no later
    /// verified transfer can pick them up. The handle must already be out of the multi.
    func beginCertificateDiagnosis(after code: CURLcode) -> Bool {
        guard certificateDiagnosis == nil, !request.insecure, code == CURLE_PEER_FAILED_VERIFICATION,
              Self.chainVerifyResults.contains(easy.long(CURLINFO_SSL_VERIFYRESULT))
        else { return false }
        let remaining = request.totalTimeout - (ContinuousClock.now - startedAt)
        guard remaining >= Self.minimumDiagnosisTime else { return false }
        // A redirect may have led here: what failed is the URL being fetched, not necessarily the first.
        let url = easy.string(CURLINFO_EFFECTIVE_URL)
        guard !url.isEmpty else { return false }
        var failure = failure(code, timings: readTimings())
        failure.host = Self.hostAndPort(of: url)?.host ?? failure.host

        curl_easy_reset(easy.raw)
        do {
            let context = Unmanaged.passUnretained(self).toOpaque()
            try easy.set(CURLOPT_PRIVATE, pointer: context)
            try easy.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
            try easy.set(CURLOPT_NOSIGNAL, true)
            try easy.set(CURLOPT_QUICK_EXIT, true)
            try easy.set(CURLOPT_URL, string: url)
            try easy.set(CURLOPT_PROTOCOLS_STR, string: "https")
            try easy.set(CURLOPT_CONNECT_ONLY, 1)
            try easy.set(CURLOPT_SSL_VERIFYPEER, false)
            try easy.set(CURLOPT_SSL_VERIFYHOST, 0)
            try easy.set(CURLOPT_CERTINFO, true)
            try easy.set(CURLOPT_FRESH_CONNECT, true)
            try easy.set(CURLOPT_FORBID_REUSE, true)
            try easy.set(CURLOPT_SSL_SESSIONID_CACHE, false)
            try easy.set(CURLOPT_CONNECTTIMEOUT_MS, min(remaining, request.connectTimeout).curlMilliseconds)
            try easy.set(CURLOPT_TIMEOUT_MS, remaining.curlMilliseconds)
            if let connectToList {
                try easy.set(CURLOPT_CONNECT_TO, list: connectToList)
            }
        } catch {
            // The first failure stands; `outcome` reads it from `certificateDiagnosis`.
            certificateDiagnosis = failure
            return false
        }
        certificateDiagnosis = failure
        return true
    }

    /// The verification failure, with the leaf the diagnosis fetched when it finished with `code` CURLE_OK.
    func diagnosedFailure(_ failure: CurlFailure, code: CURLcode) -> HTTPTransferError {
        var failure = failure
        if code == CURLE_OK, let leaf = easy.certificateChain().first {
            failure.leaf = PeerCertificate(certInfoFields: leaf)
        }
        return HTTPTransferError(failure)
    }
}
