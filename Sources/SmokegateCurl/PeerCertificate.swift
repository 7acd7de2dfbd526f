#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The leaf certificate of a TLS transfer.
public struct PeerCertificate: Sendable, Hashable {
    /// The subject's distinguished name as OpenSSL prints it, e.g. `CN = shop.example`.
    public var subject: String
    /// The issuer's distinguished name.
    public var issuer: String
    /// Subject alternative names: DNS names and IP addresses bare, other kinds keep their prefix (`email:…`).
    public var subjectAltNames: [String]
    /// The start of validity as curl reports it, e.g. `Jan  1 00:00:00 2024 GMT`.
    public var notBefore: String
    /// The end of validity as curl reports it, e.g. `Jan  1 00:00:00 2030 GMT`.
    public var notAfter: String
    /// `notAfter` as an instant, or `nil` when curl's text could not be read.
    public var expiresAt: Date?

    /// Creates a certificate description.
    public init(
        subject: String, issuer: String, subjectAltNames: [String],
        notBefore: String, notAfter: String, expiresAt: Date?
    ) {
        self.subject = subject
        self.issuer = issuer
        self.subjectAltNames = subjectAltNames
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.expiresAt = expiresAt
    }
}
