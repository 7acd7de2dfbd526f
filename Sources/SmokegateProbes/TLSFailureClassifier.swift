import Foundation
import NIOCore
import NIOSSL

/// Names a failed TLS handshake the way reports do: untrusted, expired, wrong host, or the handshake itself.
///
/// BoringSSL reports every chain problem as one `CERTIFICATE_VERIFY_FAILED`, and a self-signed certificate fails
/// as untrusted before its dates are even looked at. The leaf the server sent says more, so it decides: out of
/// its validity window is `expired`, not naming the host is `tls_hostname_mismatch`, anything else `untrusted`.
enum TLSFailureClassifier {
    /// The failure for `error`, raised while handshaking with `target` (`host:port`, for messages).
    ///
    /// `expectedName` is the name verified (server name or host); `leaf` the server's certificate if it arrived.
    static func classify(
        _ error: any Error,
        leaf: NIOSSLCertificate?,
        expectedName: String,
        target: String,
        now: Date = Date()
    ) -> ProbeFailure {
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname {
            return hostnameMismatch(leaf.map(TLSCertificateFacts.init), expectedName: expectedName, target: target)
        }
        if isVerificationFailure(error) {
            guard let leaf else {
                return ProbeFailure(.tlsCertificateUntrusted, "The certificate chain of \(target) is not trusted.")
            }
            return classifyRejected(TLSCertificateFacts(leaf), expectedName: expectedName, target: target, now: now)
        }
        if isClosedByPeer(error) {
            return ProbeFailure(.tlsHandshake, "\(target) closed the connection during the TLS handshake.")
        }
        guard let reasons = boringSSLReasons(error) else {
            return ProbeFailure(.tlsHandshake, "The TLS handshake with \(target) failed: \(error).")
        }
        let hint = reasons.contains("WRONG_VERSION_NUMBER") ? " (does the server speak TLS on this port?)" : ""
        return ProbeFailure(.tlsHandshake, "The TLS handshake with \(target) failed: \(reasons)\(hint).")
    }

    /// BoringSSL's reason codes (`WRONG_VERSION_NUMBER`), without the codes, paths and line numbers around them.
    static func boringSSLReasons(_ error: any Error) -> String? {
        guard case NIOSSLError.handshakeFailed(let boringSSLError) = error,
            case BoringSSLError.sslError(let stack) = boringSSLError
        else { return nil }
        let reasons = stack.compactMap { entry -> String? in
            let text = String(describing: entry)
            guard let marker = text.range(of: "OPENSSL_internal:") else { return nil }
            let rest = text[marker.upperBound...]
            return String(rest.prefix { $0 != " " })
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: ", ")
    }

    /// A certificate BoringSSL rejected, named by what is wrong with it, dates first.
    static func classifyRejected(
        _ leaf: TLSCertificateFacts,
        expectedName: String,
        target: String,
        now: Date
    ) -> ProbeFailure {
        if leaf.notAfter < now {
            let days = Int(now.timeIntervalSince(leaf.notAfter) / 86_400)
            return ProbeFailure(
                .tlsCertificateExpired,
                "The certificate of \(target) (\(leaf.subject)) expired on \(text(leaf.notAfter)), \(daysText(days)) ago."
            )
        }
        if leaf.notBefore > now {
            let days = Int(leaf.notBefore.timeIntervalSince(now) / 86_400)
            return ProbeFailure(
                .tlsCertificateExpired,
                "The certificate of \(target) (\(leaf.subject)) is not valid before \(text(leaf.notBefore)), "
                    + "\(daysText(days)) from now."
            )
        }
        if !names(leaf, include: expectedName) {
            return hostnameMismatch(leaf, expectedName: expectedName, target: target)
        }
        let why = leaf.subject == leaf.issuer ? "it is self-signed" : "its issuer \(leaf.issuer) is not a trusted CA"
        return ProbeFailure(
            .tlsCertificateUntrusted,
            "The certificate of \(target) (\(leaf.subject)) is not trusted: \(why)."
        )
    }

    private static func hostnameMismatch(_ leaf: TLSCertificateFacts?, expectedName: String, target: String) -> ProbeFailure {
        let listed = leaf.map { facts in
            facts.subjectAlternativeNames.isEmpty ? " (it names no host)" : " (it names \(facts.subjectAlternativeNames.joined(separator: ", ")))"
        } ?? ""
        return ProbeFailure(
            .tlsHostnameMismatch,
            "The certificate of \(target) is not valid for \(expectedName)\(listed)."
        )
    }

    private static func isVerificationFailure(_ error: any Error) -> Bool {
        guard case NIOSSLError.handshakeFailed(let boringSSLError) = error else { return false }
        return String(describing: boringSSLError).contains("CERTIFICATE_VERIFY_FAILED")
    }

    private static func isClosedByPeer(_ error: any Error) -> Bool {
        switch error {
        case NIOSSLError.uncleanShutdown, ChannelError.eof, ChannelError.inputClosed, ChannelError.outputClosed:
            return true
        case NIOSSLError.handshakeFailed(BoringSSLError.sslError(let stack)):
            return stack.contains(.eofDuringHandshake)
        case let error as IOError:
            return error.errnoCode == ECONNRESET || error.errnoCode == EPIPE
        default:
            return false
        }
    }

    /// `2020-02-01 00:00 UTC`.
    private static func text(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) UTC"
    }

    private static func daysText(_ days: Int) -> String {
        days == 1 ? "1 day" : "\(days) days"
    }
}
