import CCurl

extension CurlTransfer {
    /// Sets every option the request asks for; throws before curl sees anything unusable.
    func configure() throws(HTTPTransferError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try easy.set(CURLOPT_PRIVATE, pointer: context)
        try easy.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        try easy.set(CURLOPT_WRITEFUNCTION, callback: { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.receiveBody(data, length: size * count)
        })
        try easy.set(CURLOPT_HEADERFUNCTION, callback: { data, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.receiveHeaderLine(data, length: size * count)
        })
        // Signals from curl's timeout handling would hit arbitrary threads of the process.
        try easy.set(CURLOPT_NOSIGNAL, true)
        // Without this, abandoning a transfer whose name lookup hangs (a cancel, a timeout)
        // waits for getaddrinfo on the curl thread and stalls every other transfer. The
        // resolver thread then frees its own state when the lookup returns.
        try easy.set(CURLOPT_QUICK_EXIT, true)

        try easy.set(CURLOPT_URL, string: request.url)
        // A check's URL comes from a config file: never let it read files or speak other protocols.
        try easy.set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, string: "http,https")
        try configureMethodAndBody()
        try configureHeaders()

        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeout.curlMilliseconds)
        try easy.set(CURLOPT_TIMEOUT_MS, request.totalTimeout.curlMilliseconds)
        try easy.set(CURLOPT_FOLLOWLOCATION, request.followRedirects != .never)
        try easy.set(CURLOPT_MAXREDIRS, max(0, request.maxRedirects))
        try easy.set(CURLOPT_SSL_VERIFYPEER, !request.insecure)
        try easy.set(CURLOPT_SSL_VERIFYHOST, request.insecure ? 0 : 2)
        try easy.set(CURLOPT_CERTINFO, request.captureCertificate)
        if request.caFile != nil || request.caPath != nil {
            // Only what the request names is trusted: leaving the other at its default would still trust the system's
            // CAs, and a check of a private CA would pass on any public certificate.
            if let caFile = request.caFile { try easy.set(CURLOPT_CAINFO, string: caFile) } else { try easy.set(CURLOPT_CAINFO, pointer: nil) }
            if let caPath = request.caPath { try easy.set(CURLOPT_CAPATH, string: caPath) } else { try easy.set(CURLOPT_CAPATH, pointer: nil) }
        } else if !request.insecure, CurlGlobal.usesCABundleOnly {
            // Lets curl reuse its parsed trust store between handshakes; see `usesCABundleOnly`.
            try easy.set(CURLOPT_CAPATH, pointer: nil)
        }
        try easy.set(CURLOPT_HTTP_VERSION, Self.curlVersion(request.httpVersion))
        try configureClientTLS()
        try configureCookies()
        if let credentials = request.basicAuth {
            try easy.set(CURLOPT_HTTPAUTH, Self.basicAuthentication)
            try easy.set(CURLOPT_USERNAME, string: credentials.user)
            try easy.set(CURLOPT_PASSWORD, string: credentials.password)
        }

        try configureProxy()
        if !request.connectTo.isEmpty {
            connectToList = try Self.makeList(request.connectTo, what: "connectTo entry")
            try easy.set(CURLOPT_CONNECT_TO, list: connectToList)
        }
        if !request.reuseConnections {
            try easy.set(CURLOPT_FRESH_CONNECT, true)
            try easy.set(CURLOPT_FORBID_REUSE, true)
            // The multi handle shares one DNS cache; a fresh probe should measure a real lookup.
            try easy.set(CURLOPT_DNS_CACHE_TIMEOUT, 0)
        }
    }

    /// CURLAUTH_BASIC, a macro Swift does not import.
    private static let basicAuthentication = 1

    /// The client certificate for mutual TLS and the oldest TLS version accepted.
    private func configureClientTLS() throws(HTTPTransferError) {
        if let client = request.clientCertificate {
            try easy.set(CURLOPT_SSLCERT, string: client.certificatePath)
            try easy.set(CURLOPT_SSLCERTTYPE, string: "PEM")
            if let key = client.keyPath { try easy.set(CURLOPT_SSLKEY, string: key) }
            if let password = client.keyPassword { try easy.set(CURLOPT_KEYPASSWD, string: password) }
        }
        if let minimum = request.tlsMinimumVersion {
            let version: Int = switch minimum {
            case .tls1_0: Int(CURL_SSLVERSION_TLSv1_0)
            case .tls1_1: Int(CURL_SSLVERSION_TLSv1_1)
            case .tls1_2: Int(CURL_SSLVERSION_TLSv1_2)
            case .tls1_3: Int(CURL_SSLVERSION_TLSv1_3)
            }
            try easy.set(CURLOPT_SSLVERSION, version)
        }
    }

    /// An empty COOKIEFILE switches the cookie engine on without reading a file; each line then preloads a cookie.
    private func configureCookies() throws(HTTPTransferError) {
        guard let cookies = request.cookies else { return }
        try easy.set(CURLOPT_COOKIEFILE, string: "")
        for line in cookies {
            guard !line.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw HTTPTransferError(reason: .invalidRequest, message: "a cookie contains a line break or NUL")
            }
            try easy.set(CURLOPT_COOKIELIST, string: line)
        }
    }

    /// A health check probes what it names: libcurl would otherwise obey `http_proxy`, `HTTPS_PROXY`, `ALL_PROXY`
    /// and `no_proxy` from the environment silently. An empty CURLOPT_PROXY switches them off; a configured proxy
    /// is used for every host (an empty CURLOPT_NOPROXY keeps the environment's `no_proxy` out of it too).
    private func configureProxy() throws(HTTPTransferError) {
        if let proxy = request.proxy {
            guard !proxy.url.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw HTTPTransferError(reason: .invalidRequest, message: "the proxy URL contains a line break or NUL")
            }
            try easy.set(CURLOPT_PROXY, string: proxy.url)
            try easy.set(CURLOPT_NOPROXY, string: "")
        } else {
            try easy.set(CURLOPT_PROXY, string: "")
            try easy.set(CURLOPT_NOPROXY, string: "*")
        }
    }

    private func configureMethodAndBody() throws(HTTPTransferError) {
        let method = request.method
        guard !method.isEmpty, method.utf8.allSatisfy(Self.isTokenByte) else {
            throw HTTPTransferError(reason: .invalidRequest, message: "\"\(method)\" is not a valid HTTP method")
        }
        switch method {
        case "HEAD":
            guard request.body == nil else {
                throw HTTPTransferError(reason: .invalidRequest, message: "a HEAD request cannot carry a body")
            }
            try easy.set(CURLOPT_NOBODY, true)
        case "POST":
            // Without fields curl's POST would read the body from stdin.
            try easy.setRequestBody(request.body ?? [])
        case "GET" where request.body == nil:
            try easy.set(CURLOPT_HTTPGET, true)
        default:
            // Setting a body switches curl to POST; the custom verb restores the method on the wire.
            if let body = request.body {
                try easy.setRequestBody(body)
            }
            try easy.set(CURLOPT_CUSTOMREQUEST, string: method)
        }
    }

    private func configureHeaders() throws(HTTPTransferError) {
        guard !request.headers.isEmpty else { return }
        var lines: [String] = []
        for (name, value) in request.headers {
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
                throw HTTPTransferError(reason: .invalidRequest, message: "\"\(name)\" is not a valid header name")
            }
            guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw HTTPTransferError(
                    reason: .invalidRequest, message: "the value of header \(name) contains a line break or NUL")
            }
            // curl reads "Name:" as "remove this header"; "Name;" is its spelling of an empty value.
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        headerList = try Self.makeList(lines, what: "header")
        try easy.set(CURLOPT_HTTPHEADER, list: headerList)
    }

    private static func curlVersion(_ preference: HTTPVersionPreference) -> Int {
        switch preference {
        case .http1_1: Int(CURL_HTTP_VERSION_1_1)
        case .http2: Int(CURL_HTTP_VERSION_2TLS)
        case .http2PriorKnowledge: Int(CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE)
        case .http2WithUpgrade: Int(CURL_HTTP_VERSION_2_0)
        }
    }

    /// Builds a curl list; the caller owns it and frees it with `curl_slist_free_all`.
    private static func makeList(_ items: [String], what: String) throws(HTTPTransferError) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        for item in items {
            guard !item.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                curl_slist_free_all(list)
                throw HTTPTransferError(reason: .invalidRequest, message: "a \(what) contains a line break or NUL")
            }
            guard let extended = item.withCString({ curl_slist_append(list, $0) }) else {
                curl_slist_free_all(list)
                throw HTTPTransferError(reason: .internal, message: "out of memory building the \(what) list")
            }
            list = extended
        }
        return list
    }

    /// RFC 9110 `tchar`: the bytes allowed in a method or a header name.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
