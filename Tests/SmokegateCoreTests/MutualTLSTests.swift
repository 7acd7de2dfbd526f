import Foundation
@testable import SmokegateConfig
@testable import SmokegateCore
import SmokegateFixtures
@testable import SmokegateModel
@testable import SmokegateReports
import SmokegateTestSupport
@testable import SmokegateVerdict
@testable import SmokegateVocabulary
import Testing

/// Trust and identity over TLS: a private CA trusted through `ca_file`, client certificates for mutual TLS, the oldest
/// TLS version accepted, and the certificate facts every TLS check reports. Certificates are made by openssl at test
/// time (`TestCertificateAuthority`).
@Suite("TLS trust and client certificates")
struct MutualTLSTests {
    static func run(_ yaml: String, secrets: [String: String] = [:]) async throws -> RunReport {
        let suite = try await TemporarySuite.load(yaml, options: LoadOptions(processEnvironment: secrets))
        return try await SuiteRun(suite: suite, tags: [], concurrency: 4).execute()
    }

    @Test func aPrivateCATrustedThroughCAFileOrCAPathAndTheCertificateFactsOfAPassingCheck() async throws {
        let authority = try TestCertificateAuthority.make()
        defer { authority.remove() }
        let server = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("ok")) }, tls: authority.server)
        defer { Task { try? await server.shutdown() } }
        let report = try await Self.run("""
            environments:
              trusting:
                base_url: "\(server.httpsBaseURL)"
                ca_file: "\(authority.caCertificatePath)"
              trusting-directory:
                base_url: "\(server.httpsBaseURL)"
                ca_path: "\(authority.caDirectory)"
              default-trust:
                base_url: "\(server.httpsBaseURL)"
            checks:
              - name: health
                http: /health
            """)
        let trusted = try #require(RunHarness.result(report, "health", "trusting"))
        #expect(trusted.status == .pass, "\(trusted.message ?? "")")
        #expect(RunHarness.result(report, "health", "trusting-directory")?.status == .pass)
        let untrusted = try #require(RunHarness.result(report, "health", "default-trust"))
        #expect(untrusted.failures.first?.reason == .tlsCertificateUntrusted)
        // Facts are reported for a check that passed, so expiry can be watched before it fails.
        let certificate = try #require(trusted.certificate)
        #expect(certificate.subject.replacingOccurrences(of: " = ", with: "=").contains("CN=localhost"), "\(certificate.subject)")
        #expect(certificate.issuer.replacingOccurrences(of: " = ", with: "=").contains("CN=Smokegate Test Root"), "\(certificate.issuer)")
        #expect(certificate.sans == ["localhost", "127.0.0.1"])
        #expect((28...30).contains(certificate.daysLeft), "\(certificate.daysLeft)")
        #expect(certificate.notAfter.hasPrefix(authority.server.notAfter.formatted(.iso8601.year().month().day())))
    }

    @Test func mutualTLSIsAcceptedWithTheClientCertificateAndRefusedWithout() async throws {
        let authority = try TestCertificateAuthority.make()
        defer { authority.remove() }
        let log = RequestLog()
        let server = try await FixtureHTTPServer.start(answering: { request in
            log.record(request)
            return .respond(.text("hello, client"))
        }, tls: authority.mutualServer)
        defer { Task { try? await server.shutdown() } }
        let report = try await Self.run("""
            environments:
              internal:
                base_url: "\(server.httpsBaseURL)"
                ca_file: "\(authority.caCertificatePath)"
            checks:
              - name: with certificate
                http:
                  url: /with
                  client_cert: "\(authority.clientCertificatePath)"
                  client_key: "\(authority.clientKeyPath)"
                  client_key_password: "${env:CLIENT_KEY_PASSWORD}"
              - name: without certificate
                http: /without
              - name: wrong passphrase
                http:
                  url: /wrong
                  client_cert: "\(authority.clientCertificatePath)"
                  client_key: "\(authority.clientKeyPath)"
                  client_key_password: "${env:WRONG_PASSWORD}"
            """, secrets: ["CLIENT_KEY_PASSWORD": authority.clientKeyPassword, "WRONG_PASSWORD": "not-the-passphrase"])
        let accepted = try #require(RunHarness.result(report, "with certificate", "internal"))
        #expect(accepted.status == .pass, "\(accepted.message ?? "")")
        let refused = try #require(RunHarness.result(report, "without certificate", "internal"))
        #expect(refused.status == .fail)
        #expect(refused.failures.first?.reason == .tlsClientCertificate, "\(refused.failures)")
        let wrong = try #require(RunHarness.result(report, "wrong passphrase", "internal"))
        #expect(wrong.status == .fail)
        #expect(wrong.failures.first?.reason == .invalidRequest, "\(wrong.failures)")
        // Only the request with the certificate got through.
        #expect(log.all.map(\.path) == ["/with"])
        let verdict = String(decoding: try JSONReport.render(report), as: UTF8.self)
        #expect(!verdict.contains(authority.clientKeyPassword))
    }

    @Test func tlsMinVersionRefusesAServerThatCannotSpeakIt() async throws {
        let authority = try TestCertificateAuthority.make()
        defer { authority.remove() }
        var oldServer = authority.server
        oldServer.speaksOnlyTLS12 = true
        let server = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("ok")) }, tls: oldServer)
        defer { Task { try? await server.shutdown() } }
        let report = try await Self.run("""
            environments:
              old:
                base_url: "\(server.httpsBaseURL)"
                ca_file: "\(authority.caCertificatePath)"
            defaults:
              tls_min_version: 1.3
            checks:
              - name: wants 1.3
                http: /
              - name: accepts 1.2
                http: { url: /, tls_min_version: 1.2 }
            """)
        let strict = try #require(RunHarness.result(report, "wants 1.3", "old"))
        #expect(strict.failures.first?.reason == .tlsHandshake, "\(strict.failures)")
        #expect(RunHarness.result(report, "accepts 1.2", "old")?.status == .pass)
    }
}
