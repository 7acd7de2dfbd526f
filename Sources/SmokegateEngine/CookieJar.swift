/// Reads libcurl's cookie list (CURLINFO_COOKIELIST): one Netscape cookie-file line per cookie.
enum CookieJar {
    /// One cookie as the jar holds it.
    struct Cookie: Equatable {
        var domain: String
        var path: String
        var name: String
        var value: String
    }

    /// Every cookie in `lines`, in order; malformed lines are skipped.
    static func cookies(_ lines: [String]) -> [Cookie] {
        lines.compactMap { line in
            // DOMAIN, INCLUDE-SUBDOMAINS, PATH, SECURE, EXPIRES, NAME, VALUE; "#HttpOnly_" marks an HttpOnly domain.
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 7 else { return nil }
            var domain = fields[0]
            if domain.hasPrefix("#HttpOnly_") { domain.removeFirst("#HttpOnly_".count) } else if domain.hasPrefix("#") { return nil }
            return Cookie(domain: domain, path: fields[2], name: fields[5], value: fields[6...].joined(separator: "\t"))
        }
    }

    /// The value of the last cookie called `name`.
    static func value(of name: String, in lines: [String]) -> String? {
        cookies(lines).last { $0.name == name }?.value
    }
}
