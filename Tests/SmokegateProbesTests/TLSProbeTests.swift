import Foundation
import SmokegateFixtures
import SmokegateProbes
import SmokegateVocabulary
import Testing

extension RunsAlone {
    /// TCPProbe over TLS against fixture servers presenting certificates made by openssl at test time.
    @Suite struct TLSProbeTests {
        @Test func insecureProbeOfAValidCertificateReturnsItsFacts() async throws {
            try await Self.withTLSServer(\.valid, greeting: "HELLO over TLS") { server, fixture in
                let result = try await TCPProbe.run(TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, tls: TLSClientOptions(insecure: true), expect: { $0.contains("HELLO") }))
                #expect(String(decoding: result.received, as: UTF8.self) == "HELLO over TLS\r\n")
                let handshake = try #require(result.tlsMicroseconds)
                #expect(handshake > 0)
                #expect(result.connectMicroseconds + handshake <= result.totalMicroseconds)
                let certificate = try #require(result.certificate)
                #expect(certificate.subject == "CN=localhost, O=Smokegate Fixtures")
                #expect(certificate.issuer == certificate.subject)
                #expect(certificate.subjectAlternativeNames == ["localhost", "127.0.0.1"])
                #expect(abs(certificate.notAfter.timeIntervalSince(fixture.notAfter)) < 86_400)
                #expect(abs(certificate.notAfter.timeIntervalSinceNow - 30 * 86_400) < 86_400)
                #expect(certificate.notBefore <= Date())
            }
        }

        @Test func connectOnlyTLSProbeSucceedsAfterTheHandshake() async throws {
            try await Self.withTLSServer(\.expiresSoon) { server, fixture in
                let result = try await TCPProbe.run(TCPProbeRequest(
                    host: "localhost", port: server.port, tls: TLSClientOptions(insecure: true)))
                #expect(result.tlsMicroseconds != nil)
                #expect(result.replyMicroseconds == nil)
                let certificate = try #require(result.certificate)
                #expect(abs(certificate.notAfter.timeIntervalSince(fixture.notAfter)) < 86_400)
                #expect(certificate.notAfter.timeIntervalSinceNow < 6 * 86_400)
            }
        }

        @Test(arguments: ["127.0.0.1", "localhost"])
        func selfSignedCertificateIsUntrusted(host: String) async throws {
            try await Self.withTLSServer(\.valid) { server, _ in
                let failure = try await TCPProbeTests.failure(of: TCPProbeRequest(host: host, port: server.port, tls: TLSClientOptions()))
                #expect(failure.reason == .tlsCertificateUntrusted)
                #expect(failure.message.contains("self-signed"), "\(failure.message)")
            }
        }

        @Test func expiredCertificateIsExpiredWithTheDate() async throws {
            try await Self.withTLSServer(\.expired) { server, _ in
                let failure = try await TCPProbeTests.failure(of: TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, tls: TLSClientOptions(insecure: false)))
                #expect(failure.reason == .tlsCertificateExpired)
                #expect(failure.message.contains("2020-02-01"), "\(failure.message)")
                #expect(failure.message.contains("days ago"), "\(failure.message)")
            }
        }

        @Test func insecureProbeAcceptsAnExpiredCertificateAndReportsIt() async throws {
            try await Self.withTLSServer(\.expired) { server, _ in
                let result = try await TCPProbe.run(TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, tls: TLSClientOptions(insecure: true)))
                let certificate = try #require(result.certificate)
                #expect(certificate.notAfter == Date(timeIntervalSince1970: 1_580_515_200))
                #expect(certificate.notBefore == Date(timeIntervalSince1970: 1_577_836_800))
            }
        }

        @Test func certificateForAnotherHostIsHostnameMismatch() async throws {
            try await Self.withTLSServer(\.wrongHost) { server, _ in
                let failure = try await TCPProbeTests.failure(of: TCPProbeRequest(
                    host: "localhost", port: server.port, tls: TLSClientOptions()))
                #expect(failure.reason == .tlsHostnameMismatch)
                #expect(failure.message.contains("localhost"))
                #expect(failure.message.contains("wrong.example"))
            }
        }

        @Test func insecureProbeAcceptsAnotherHostsCertificate() async throws {
            try await Self.withTLSServer(\.wrongHost) { server, _ in
                let result = try await TCPProbe.run(TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, tls: TLSClientOptions(insecure: true)))
                #expect(result.certificate?.subjectAlternativeNames == ["wrong.example"])
            }
        }

        @Test func serverNameIsTheNameVerified() async throws {
            try await Self.withTLSServer(\.wrongHost) { server, _ in
                // The name matches now, so what is left wrong is the self-signed chain.
                let failure = try await TCPProbeTests.failure(of: TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, tls: TLSClientOptions(serverName: "wrong.example")))
                #expect(failure.reason == .tlsCertificateUntrusted)
            }
        }

        @Test func stalledHandshakeIsTLSHandshakeWithinTheTimeout() async throws {
            try await TCPProbeTests.withServer(greeting: nil) { server in
                let clock = ContinuousClock()
                let started = clock.now
                let failure = try await TCPProbeTests.failure(of: TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, tls: TLSClientOptions(insecure: true), readTimeout: .milliseconds(300)))
                #expect(failure.reason == .tlsHandshake)
                #expect(failure.message.contains("300ms"), "\(failure.message)")
                #expect(clock.now - started < .seconds(3))
            }
        }

        @Test func plainServerAnsweringTLSIsAHandshakeFailure() async throws {
            try await TCPProbeTests.withServer(greeting: "220 plain text, no TLS here") { server in
                let failure = try await TCPProbeTests.failure(of: TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, tls: TLSClientOptions(insecure: true)))
                #expect(failure.reason == .tlsHandshake)
            }
        }

        @Test func httpsFixtureAnswersOverTLS() async throws {
            let certificates = try TestCertificates.make()
            defer { certificates.remove() }
            let server = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("secure hello")) }, tls: certificates.valid)
            do {
                #expect(server.httpsBaseURL == "https://127.0.0.1:\(server.port)")
                let result = try await TCPProbe.run(TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, tls: TLSClientOptions(insecure: true),
                    send: TCPProbeTests.httpGet, expect: { $0.contains("secure hello") }))
                #expect(String(decoding: result.received, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
                #expect(server.requestCount == 1)
            } catch {
                try? await server.shutdown()
                throw error
            }
            try await server.shutdown()
        }

        @Test(arguments: [
            (FixtureBehavior.garbage(Array("PON".utf8)), FailureReason.closed),
            (.closeImmediately, .closed),
        ])
        func brokenRepliesOverTLSAreNamedAsOverTCP(behavior: FixtureBehavior, reason: FailureReason) async throws {
            let certificates = try TestCertificates.make()
            defer { certificates.remove() }
            let server = try await FixtureHTTPServer.start(answering: { _ in behavior }, tls: certificates.valid)
            let failure = try await TCPProbeTests.failure(of: TCPProbeRequest(
                host: "127.0.0.1", port: server.port, tls: TLSClientOptions(insecure: true),
                send: TCPProbeTests.httpGet, expect: { $0.contains("PONG") }))
            try await server.shutdown()
            #expect(failure.reason == reason, "\(failure.message)")
        }

        @Test func cancellationDuringAStalledHandshakeIsPrompt() async throws {
            try await TCPProbeTests.withServer(greeting: nil) { server in
                let probe = Task {
                    try await TCPProbe.run(TCPProbeRequest(
                        host: "127.0.0.1", port: server.port, tls: TLSClientOptions(),
                        readTimeout: .seconds(30), totalTimeout: .seconds(60)))
                }
                // Lets the handshake start and stall; the outcome below is the same if it has not yet.
                try await Task.sleep(for: .milliseconds(200))
                let clock = ContinuousClock()
                let cancelled = clock.now
                probe.cancel()
                await #expect(throws: CancellationError.self) { try await probe.value }
                #expect(clock.now - cancelled < .seconds(5), "cancellation must beat the 30 s read timeout by far, even on a loaded machine")
            }
        }

        // MARK: Helpers

        /// Makes fresh certificates, runs `body` against a TLS line server presenting the chosen one, cleans up.
        static func withTLSServer(
            _ pick: KeyPath<TestCertificates, FixtureTLS>,
            greeting: String? = nil,
            _ body: (FixtureTCPServer, FixtureTLS) async throws -> Void
        ) async throws {
            let certificates = try TestCertificates.make()
            defer { certificates.remove() }
            let fixture = certificates[keyPath: pick]
            let server = try await FixtureTCPServer.start(greeting: greeting, tls: fixture) { _ in nil }
            do {
                try await body(server, fixture)
            } catch {
                try? await server.shutdown()
                throw error
            }
            try await server.shutdown()
        }
    }
}
