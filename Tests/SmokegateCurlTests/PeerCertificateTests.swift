import Foundation
@testable import SmokegateCurl
import Testing

/// curl's CERTINFO text as OpenSSL renders it, read into `PeerCertificate`.
struct PeerCertificateTests {
    @Test func readsTheLeafFields() throws {
        let certificate = try #require(PeerCertificate(certInfoFields: [
            "Subject:CN = shop.example",
            "Issuer:C = US, O = Smokegate Test CA, CN = Smokegate Root",
            "Version:2",
            "Start date:Jan  1 00:00:00 2024 GMT",
            "Expire date:Jan  1 00:00:00 2030 GMT",
            "X509v3 Subject Alternative Name:DNS:shop.example, DNS:*.shop.example, IP Address:127.0.0.1, email:ops@shop.example",
            "Cert:-----BEGIN CERTIFICATE-----",
        ]))
        #expect(certificate.subject == "CN = shop.example")
        #expect(certificate.issuer == "C = US, O = Smokegate Test CA, CN = Smokegate Root")
        #expect(certificate.subjectAltNames == ["shop.example", "*.shop.example", "127.0.0.1", "email:ops@shop.example"])
        #expect(certificate.notBefore == "Jan  1 00:00:00 2024 GMT")
        #expect(certificate.notAfter == "Jan  1 00:00:00 2030 GMT")
        #expect(certificate.expiresAt == Date(timeIntervalSince1970: 1_893_456_000))
    }

    @Test func emptyCertInfoIsNoCertificate() {
        #expect(PeerCertificate(certInfoFields: []) == nil)
        #expect(PeerCertificate(certInfoFields: ["Version:2"]) == nil)
    }

    @Test(arguments: [
        ("Jan  1 00:00:00 2030 GMT", 1_893_456_000.0),
        ("Feb 29 12:34:56 2028 GMT", 1_835_440_496.0),
        ("Dec 31 23:59:59 1999 GMT", 946_684_799.0),
        ("Mar 15 08:00:00.250 2027 GMT", 1_805_097_600.0),
    ])
    func parsesOpenSSLTimes(text: String, epochSeconds: Double) {
        #expect(PeerCertificate.date(fromOpenSSLTime: text) == Date(timeIntervalSince1970: epochSeconds))
    }

    @Test(arguments: ["", "2030-01-01T00:00:00Z", "Foo  1 00:00:00 2030 GMT", "Jan  1 25:00:00 2030 GMT", "Jan  1 00:00:00 2030 UTC"])
    func rejectsOtherTimeFormats(text: String) {
        #expect(PeerCertificate.date(fromOpenSSLTime: text) == nil)
    }
}
