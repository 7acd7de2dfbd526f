#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension PeerCertificate {
    /// Whether the certificate is valid for `host` by RFC 6125's rules: the subject alternative names, or the
    /// subject's CN when there are none; a `*` only as the whole leftmost label, matching exactly one label.
    func names(_ host: String) -> Bool {
        let wanted = Self.bare(host)
        let names = subjectAltNames.isEmpty ? commonNames : subjectAltNames
        if let address = Self.ipAddress(wanted) {
            return names.contains { Self.ipAddress($0) == address }
        }
        return names.contains { Self.matches(pattern: $0.lowercased(), host: wanted) }
    }

    /// The CN values of the subject, as curl prints it (`O = Org, CN = name` or `O=Org, CN=name`).
    private var commonNames: [String] {
        subject.split(separator: ",").compactMap { part in
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpacesAndTabs == "CN" else { return nil }
            return String(pair[1].trimmingSpacesAndTabs)
        }
    }

    /// Lower-cased, without IPv6 brackets or a trailing root dot.
    private static func bare(_ host: String) -> String {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasSuffix(".") { host.removeLast() }
        return host
    }

    private static func matches(pattern: String, host: String) -> Bool {
        guard pattern.hasPrefix("*.") else { return pattern == host }
        let suffix = pattern.dropFirst(1)
        guard host.hasSuffix(suffix) else { return false }
        let label = host.dropLast(suffix.count)
        return !label.isEmpty && !label.contains(".")
    }

    /// The address's bytes when `text` is an IPv4 or IPv6 literal, so `::1` and `0:0:0:0:0:0:0:1` compare equal.
    private static func ipAddress(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
