import Foundation

extension RunReport {
    /// The leaf certificate a TLS check last saw, passing or not: people watch expiry before it fails.
    public struct CertificateSummary: Sendable, Codable, Hashable {
        public var subject: String
        public var issuer: String
        /// Subject alternative names: DNS names and IP addresses.
        public var sans: [String]
        /// notAfter, ISO 8601 in UTC.
        public var notAfter: String
        /// Whole days from the report to notAfter, rounded down; negative once expired.
        public var daysLeft: Int

        public init(subject: String, issuer: String, sans: [String], notAfter: Date, now: Date) {
            self.subject = subject
            self.issuer = issuer
            self.sans = sans
            self.notAfter = notAfter.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
            daysLeft = Int((notAfter.timeIntervalSince(now) / 86_400).rounded(.down))
        }
    }
}
