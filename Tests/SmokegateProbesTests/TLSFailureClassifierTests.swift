import Foundation
import NIOCore
import NIOSSL
@testable import SmokegateProbes
import Testing

/// How a certificate BoringSSL rejected is named, from the leaf alone.
struct TLSFailureClassifierTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    static func leaf(
        names: [String] = ["shop.example", "127.0.0.1"],
        subject: String = "CN=shop.example, O=Shop",
        issuer: String = "CN=Shop CA",
        notBefore: Date = now - 10 * day,
        notAfter: Date = now + 10 * day
    ) -> TLSCertificateFacts {
        TLSCertificateFacts(subject: subject, issuer: issuer, subjectAlternativeNames: names, notBefore: notBefore, notAfter: notAfter)
    }

    static func classify(_ leaf: TLSCertificateFacts, name: String = "shop.example") -> ProbeFailure {
        TLSFailureClassifier.classifyRejected(leaf, expectedName: name, target: "\(name):443", now: now)
    }

    @Test func expiredWinsOverEverythingElse() {
        let failure = Self.classify(Self.leaf(names: ["other.example"], subject: "CN=x", issuer: "CN=x", notAfter: Self.now - 3 * Self.day))
        #expect(failure.reason == .tlsCertificateExpired)
        #expect(failure.message.contains("2027-01-12"), "\(failure.message)")
        #expect(failure.message.contains("3 days ago"), "\(failure.message)")
    }

    @Test func notYetValidCountsAsExpired() {
        let failure = Self.classify(Self.leaf(notBefore: Self.now + Self.day + 60))
        #expect(failure.reason == .tlsCertificateExpired)
        #expect(failure.message.contains("not valid before"))
        #expect(failure.message.contains("1 day from now"))
    }

    @Test func nameMissingFromTheSANsIsAMismatch() {
        let failure = Self.classify(Self.leaf(names: ["wrong.example"]))
        #expect(failure.reason == .tlsHostnameMismatch)
        #expect(failure.message.contains("it names wrong.example"))
    }

    @Test func otherwiseUntrustedSayingWhy() {
        let unknownCA = Self.classify(Self.leaf())
        #expect(unknownCA.reason == .tlsCertificateUntrusted)
        #expect(unknownCA.message.contains("issuer CN=Shop CA is not a trusted CA"))
        let selfSigned = Self.classify(Self.leaf(issuer: "CN=shop.example, O=Shop"))
        #expect(selfSigned.message.contains("self-signed"))
    }

    @Test(arguments: [
        ("shop.example", ["shop.example"], true),
        ("SHOP.example.", ["shop.example"], true),
        ("api.shop.example", ["*.shop.example"], true),
        ("shop.example", ["*.shop.example"], false),
        ("a.b.shop.example", ["*.shop.example"], false),
        ("example", ["*.example"], false),
        ("127.0.0.1", ["127.0.0.1"], true),
        ("127.0.0.1", ["localhost"], false),
        ("::1", ["0:0:0:0:0:0:0:1"], true),
        ("localhost", ["127.0.0.1"], false),
    ])
    func namesMatchLikeRFC6125(host: String, sans: [String], matches: Bool) {
        #expect(TLSFailureClassifier.names(Self.leaf(names: sans), include: host) == matches)
    }

    @Test func commonNameCountsOnlyWithoutSANs() {
        #expect(TLSFailureClassifier.names(Self.leaf(names: [], subject: "CN=legacy.example"), include: "legacy.example"))
        #expect(!TLSFailureClassifier.names(Self.leaf(names: ["x.example"], subject: "CN=legacy.example"), include: "legacy.example"))
    }

    @Test func hostnameErrorFromNIOSSLIsAMismatch() {
        let failure = TLSFailureClassifier.classify(
            NIOSSLExtraError.failedToValidateHostname, leaf: nil, expectedName: "shop.example", target: "shop.example:443")
        #expect(failure.reason == .tlsHostnameMismatch)
    }

    @Test(arguments: [NIOSSLError.uncleanShutdown, NIOSSLError.handshakeFailed(.sslError([.eofDuringHandshake]))])
    func peerClosingMidHandshakeIsAHandshakeFailure(error: NIOSSLError) {
        let failure = TLSFailureClassifier.classify(error, leaf: nil, expectedName: "h", target: "h:443")
        #expect(failure.reason == .tlsHandshake)
        #expect(failure.message.contains("closed the connection during the TLS handshake"))
    }

    @Test func distinguishedNamesReadMostSpecificFirst() {
        let text = TLSCertificateFacts.distinguishedName([
            SSLCertificateName("US", .country), SSLCertificateName("Shop", .organization),
            SSLCertificateName("shop.example", .commonName),
        ])
        #expect(text == "CN=shop.example, O=Shop, C=US")
    }
}
