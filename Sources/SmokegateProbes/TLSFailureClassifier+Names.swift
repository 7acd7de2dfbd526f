import Foundation
import NIOCore

extension TLSFailureClassifier {
    /// Whether `leaf` names `host`: an IP among its IP SANs, or a DNS name matching one of its DNS SANs.
    ///
    /// Only used to explain a certificate BoringSSL already rejected, never to accept one, so RFC 6125's
    /// common cases suffice: exact names and a wildcard for the whole leftmost label. The subject CN counts
    /// only when the certificate has no SANs at all, as in older clients.
    static func names(_ leaf: TLSCertificateFacts, include host: String) -> Bool {
        if let ip = canonicalIP(host) {
            return leaf.subjectAlternativeNames.contains { canonicalIP($0) == ip }
        }
        let wanted = normalized(host)
        var candidates = leaf.subjectAlternativeNames.filter { canonicalIP($0) == nil }
        if leaf.subjectAlternativeNames.isEmpty, let commonName = commonName(of: leaf.subject) {
            candidates = [commonName]
        }
        return candidates.contains { matches(pattern: normalized($0), host: wanted) }
    }

    private static func matches(pattern: String, host: String) -> Bool {
        guard pattern.hasPrefix("*.") else { return pattern == host }
        guard let dot = host.firstIndex(of: "."), dot != host.startIndex else { return false }
        let suffix = host[dot...]
        // A wildcard never stands for a top-level domain alone (`*.com`).
        return pattern.dropFirst() == suffix && suffix.dropFirst().contains(".")
    }

    private static func normalized(_ name: String) -> String {
        var name = name.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        return name
    }

    private static func canonicalIP(_ text: String) -> String? {
        let bare = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        return (try? SocketAddress(ipAddress: bare, port: 0))?.ipAddress
    }

    private static func commonName(of subject: String) -> String? {
        subject.components(separatedBy: ", ").first { $0.hasPrefix("CN=") }.map { String($0.dropFirst(3)) }
    }
}
