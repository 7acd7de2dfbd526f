import Foundation
@testable import SmokegateCore
import SmokegateCurl
import SmokegateFixtures
@testable import SmokegateModel
import SmokegateTestSupport
@testable import SmokegateVerdict
@testable import SmokegateVocabulary
import Testing

/// Certificate expectations on HTTPS (through curl) and TLS TCP checks, against fixtures whose certificates
/// openssl made at test time.
@Suite("TLS certificate checks")
struct CertificateCheckTests {
    func run(_ yaml: String) async throws -> RunReport {
        let suite = try await TemporarySuite.load(yaml)
        return try await SuiteRun(suite: suite, tags: [], concurrency: 4).execute()
    }

    @Test func soonExpiringExpiredAndForeignCertificatesFailWithDatesAndReasons() async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        let soon = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("ok")) }, tls: certificates.expiresSoon)
        let expired = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("ok")) }, tls: certificates.expired)
        let tcp = try await FixtureTCPServer.start(greeting: "hello", tls: certificates.expiresSoon) { _ in nil }
        defer { Task { try? await soon.shutdown(); try? await expired.shutdown(); try? await tcp.shutdown() } }
        let report = try await run("""
            checks:
              - name: https renew soon
                http: { url: "\(soon.httpsBaseURL)/", insecure: true }
                expect:
                  cert_expires_in: "> 14d"
              - name: https still valid a day
                http: { url: "\(soon.httpsBaseURL)/", insecure: true }
                expect:
                  cert_expires_in: "> 1d"
                  cert_san: localhost
              - name: https expired
                http: "\(expired.httpsBaseURL)/"
              - name: tls port renew soon
                tcp: { address: "127.0.0.1:\(tcp.port)", tls: true, insecure: true }
                expect:
                  cert_expires_in: "> 14d"
              - name: tls port untrusted
                tcp: { address: "127.0.0.1:\(tcp.port)", tls: true }
            """)
        let date = certificates.expiresSoon.notAfter.formatted(.iso8601.year().month().day())
        let httpsSoon = try #require(RunHarness.result(report, "https renew soon"))
        #expect(httpsSoon.failures.first?.reason == .certificateExpiry)
        #expect(httpsSoon.message?.contains("expires \(date) (in 4 days)") == true || httpsSoon.message?.contains("expires \(date) (in 5 days)") == true,
                "\(httpsSoon.message ?? "")")
        #expect(RunHarness.result(report, "https still valid a day")?.status == .pass)
        let httpsExpired = try #require(RunHarness.result(report, "https expired")?.failures.first?.reason)
        #expect([FailureReason.tlsCertificateExpired, .tlsCertificateUntrusted].contains(httpsExpired))
        let tlsSoon = try #require(RunHarness.result(report, "tls port renew soon"))
        #expect(tlsSoon.message?.contains("expires \(date)") == true, "\(tlsSoon.message ?? "")")
        #expect(RunHarness.result(report, "tls port untrusted")?.failures.first?.reason == .tlsCertificateUntrusted)
    }
}
