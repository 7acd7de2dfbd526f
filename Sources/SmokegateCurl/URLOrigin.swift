import CCurl

/// The scheme, host and port of a URL: what "the same host" means for the redirect policy.
struct URLOrigin: Hashable, CustomStringConvertible {
    /// Lower-cased, e.g. `https`.
    let scheme: String
    /// Lower-cased; IPv6 addresses keep their brackets.
    let host: String
    /// The explicit port, or the scheme's default.
    let port: String

    /// `scheme://host:port`; it carries no user, path or query, so it is safe to quote in a report.
    var description: String { "\(scheme)://\(host):\(port)" }

    /// Parses `url` with curl's own URL parser, resolving it against `base` when it is relative, with the
    /// flags curl uses when it follows a Location, so both read a redirect the same way; `nil` if curl cannot.
    init?(_ url: String, relativeTo base: String? = nil) {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        if let base {
            guard base.withCString({ curl_url_set(handle, CURLUPART_URL, $0, 0) }) == CURLUE_OK else { return nil }
        }
        let flags = UInt32(CURLU_URLENCODE) | UInt32(CURLU_ALLOW_SPACE) | UInt32(CURLU_NON_SUPPORT_SCHEME)
        guard url.withCString({ curl_url_set(handle, CURLUPART_URL, $0, flags) }) == CURLUE_OK else { return nil }
        func part(_ which: CURLUPart, flags: UInt32 = 0) -> String? {
            var value: UnsafeMutablePointer<CChar>?
            guard curl_url_get(handle, which, &value, flags) == CURLUE_OK, let value else { return nil }
            defer { curl_free(value) }
            return String(cString: value)
        }
        guard let scheme = part(CURLUPART_SCHEME), let host = part(CURLUPART_HOST) else { return nil }
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
        self.port = part(CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)) ?? ""
    }
}
