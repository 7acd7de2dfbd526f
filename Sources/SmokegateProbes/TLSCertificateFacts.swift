import Foundation

/// What a TLS peer's leaf certificate says, for expiry, subject, SAN and issuer expectations.
public struct TLSCertificateFacts: Sendable, Hashable {
    /// The subject distinguished name, e.g. `CN=shop.example.com, O=Shop`.
    public var subject: String
    /// The issuer distinguished name.
    public var issuer: String
    /// DNS names and IP addresses the certificate is valid for.
    public var subjectAlternativeNames: [String]
    public var notBefore: Date
    public var notAfter: Date

    public init(subject: String, issuer: String, subjectAlternativeNames: [String], notBefore: Date, notAfter: Date) {
        self.subject = subject
        self.issuer = issuer
        self.subjectAlternativeNames = subjectAlternativeNames
        self.notBefore = notBefore
        self.notAfter = notAfter
    }
}
