import Foundation
import SmokegateModel
import SmokegateProbes

/// Judges TLS certificate expectations: remaining validity, subject, issuer, names.
enum CertificateEvaluator {
    static func check(_ kind: Expectation.Kind, certificate: TLSCertificateFacts?, now: Date = Date()) -> String? {
        guard let certificate else { return "no TLS certificate to check: the probe did not use TLS or the handshake failed" }
        switch kind {
        case .certificateExpiresIn(let comparison, let limit):
            let remaining = certificate.notAfter.timeIntervalSince(now)
            guard !comparison.holds(remaining, limit.seconds) else { return nil }
            return "certificate \(subjectName(certificate)) \(describeExpiry(certificate.notAfter, now: now)); expected expiry \(comparison.rawValue) \(days(limit.seconds))"
        case .certificateSubject(let matcher):
            return ExpectationEvaluator.failure(of: matcher, on: .string(certificate.subject), subject: "certificate subject")
        case .certificateIssuer(let matcher):
            return ExpectationEvaluator.failure(of: matcher, on: .string(certificate.issuer), subject: "certificate issuer")
        case .certificateName(let name):
            let covered = certificate.subjectAlternativeNames.contains { covers($0, name) }
            return covered ? nil : "certificate does not cover \(name): it names \(certificate.subjectAlternativeNames.joined(separator: ", "))"
        default:
            return nil
        }
    }

    /// "expires 2026-12-01 (in 8 days)" or "expired 2020-02-01 (2487 days ago)".
    static func describeExpiry(_ notAfter: Date, now: Date) -> String {
        let date = notAfter.formatted(.iso8601.year().month().day())
        let remaining = notAfter.timeIntervalSince(now)
        return remaining >= 0 ? "expires \(date) (in \(days(remaining)))" : "expired \(date) (\(days(-remaining)) ago)"
    }

    private static func days(_ seconds: Double) -> String {
        let days = seconds / 86_400
        return days >= 1 ? "\(Int(days)) day\(Int(days) == 1 ? "" : "s")" : String(format: "%.1f hours", seconds / 3600)
    }

    private static func subjectName(_ certificate: TLSCertificateFacts) -> String {
        certificate.subjectAlternativeNames.first ?? certificate.subject
    }

    /// A SAN covers a name exactly, or as a one-label wildcard (`*.example.com` covers `shop.example.com`).
    static func covers(_ pattern: String, _ name: String) -> Bool {
        let pattern = pattern.lowercased(), name = name.lowercased()
        if pattern == name { return true }
        guard pattern.hasPrefix("*."), let dot = name.firstIndex(of: ".") else { return false }
        return name[dot...] == pattern.dropFirst()
    }
}
