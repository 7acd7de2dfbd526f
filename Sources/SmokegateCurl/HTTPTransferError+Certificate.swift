#if canImport(FoundationEssentials)
import SmokegateVocabulary
import FoundationEssentials
#else
import Foundation
#endif

extension HTTPTransferError {
    /// Names a certificate OpenSSL rejected for its chain by what else is wrong with the leaf, dates first, then
    /// the host, as the TLS probe does: an expired self-signed certificate is above all expired.
    static func classifyRejected(_ leaf: PeerCertificate, host: String, selfSigned: Bool, now: Date = Date()) -> (FailureReason, String) {
        if let expiry = leaf.expiresAt, expiry < now {
            return (.tlsCertificateExpired, "the certificate of \(host) expired on \(readable(leaf.notAfter))")
        }
        if let start = PeerCertificate.date(fromOpenSSLTime: leaf.notBefore), start > now {
            return (.tlsCertificateExpired, "the certificate of \(host) is not valid before \(readable(leaf.notBefore))")
        }
        if !leaf.names(host) {
            let named = leaf.subjectAltNames.isEmpty ? leaf.subject : leaf.subjectAltNames.joined(separator: ", ")
            return (.tlsHostnameMismatch, "the certificate does not name \(host) (it names \(named))")
        }
        let why = selfSigned || leaf.subject == leaf.issuer ? "it is self-signed" : "its issuer \(leaf.issuer) is not trusted"
        return (.tlsCertificateUntrusted, "the certificate of \(host) is not trusted: \(why)")
    }

    /// OpenSSL pads single-digit days with a second space (`Feb  1`); one is enough in a sentence.
    private static func readable(_ time: String) -> String {
        time.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
