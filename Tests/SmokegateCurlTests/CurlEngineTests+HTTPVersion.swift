import SmokegateCurl
import SmokegateFixtures
import Testing

extension CurlEngineTests {
    /// The HTTP version choice, trailers and a private CA file, against a real HTTP/2 server (grpcio, which
    /// speaks nothing but HTTP/2) and the in-process HTTP/1.1 fixture.
    @Suite struct HTTPVersions {
        /// A health Check request for service "shop.Cart", framed as gRPC frames it: no compression, 11 bytes.
        static let checkBody: [UInt8] = [0, 0, 0, 0, 11, 0x0A, 9] + Array("shop.Cart".utf8)
        static let grpcHeaders: [(name: String, value: String)] = [("content-type", "application/grpc"), ("te", "trailers")]

        @Test func priorKnowledgeSpeaksHTTP2AndTrailersComeApartFromHeaders() async throws {
            guard let server = await ScriptedServers.start("grpc_health_server.py") else { return }
            defer { server.stop() }
            let port = try ScriptedServers.port(of: server)
            try await CurlEngine.withEngine { engine in
                let response = try await engine.perform(HTTPTransferRequest(
                    method: "POST", url: "http://127.0.0.1:\(port)/grpc.health.v1.Health/Check",
                    headers: Self.grpcHeaders, body: Self.checkBody, httpVersion: .http2PriorKnowledge))
                #expect(response.status == 200)
                #expect(response.httpVersion == "2")
                #expect(response.headerValue("content-type") == "application/grpc")
                #expect(response.headerValue("grpc-status") == nil)
                #expect(response.trailerValue("grpc-status") == "0")
                #expect(response.trailers.map(\.name) == ["grpc-status", "grpc-message"])
                // SERVING (1) in field 1, behind a 5-byte prefix.
                #expect(response.body == [0, 0, 0, 0, 2, 0x08, 0x01])
            }
        }

        /// grpcio answers an unknown method from the request's headers and resets the stream; libcurl 7.88 loses
        /// that answer (CURLE_HTTP2_STREAM, 92) when the reset comes before it sent the body, so the call is repeated
        /// until one answer arrives, and every loss must be that one.
        @Test func aTrailersOnlyResponseHasItsStatusInTheHeaders() async throws {
            guard let server = await ScriptedServers.start("grpc_health_server.py") else { return }
            defer { server.stop() }
            let port = try ScriptedServers.port(of: server)
            try await CurlEngine.withEngine { engine in
                for _ in 0..<20 {
                    let response: HTTPTransferResponse
                    do {
                        response = try await engine.perform(HTTPTransferRequest(
                            method: "POST", url: "http://127.0.0.1:\(port)/no.such.Service/Method",
                            headers: Self.grpcHeaders, body: Self.checkBody, httpVersion: .http2PriorKnowledge))
                    } catch let error as HTTPTransferError where error.curlCode == 92 {
                        continue
                    }
                    #expect(response.headerValue("grpc-status") == "12")
                    #expect(response.trailers.isEmpty)
                    #expect(response.body.isEmpty)
                    return
                }
                Issue.record("no answer in 20 calls came through")
            }
        }

        @Test func withoutPriorKnowledgeCleartextIsHTTP1AndAnHTTP2OnlyServerRefusesIt() async throws {
            guard let server = await ScriptedServers.start("grpc_health_server.py") else { return }
            defer { server.stop() }
            let port = try ScriptedServers.port(of: server)
            try await CurlEngine.withEngine { engine in
                for version in [HTTPVersionPreference.http2, .http1_1] {
                    await #expect(throws: HTTPTransferError.self, "\(version)") {
                        try await engine.perform(HTTPTransferRequest(
                            method: "POST", url: "http://127.0.0.1:\(port)/grpc.health.v1.Health/Check",
                            headers: Self.grpcHeaders, body: Self.checkBody, httpVersion: version))
                    }
                }
            }
            #expect(!server.lines.contains { $0.hasPrefix("CALL") })
        }

        @Test func anHTTP1ServerAnswersHTTP1AndRefusesPriorKnowledge() async throws {
            try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("one point one")) }) { server in
                try await CurlEngine.withEngine { engine in
                    for version in [HTTPVersionPreference.http1_1, .http2] {
                        let response = try await engine.perform(HTTPTransferRequest(url: server.baseURL + "/", httpVersion: version))
                        #expect(response.httpVersion == "1.1")
                        #expect(response.body == Array("one point one".utf8))
                        #expect(response.trailers.isEmpty)
                    }
                    await #expect(throws: HTTPTransferError.self) {
                        try await engine.perform(HTTPTransferRequest(url: server.baseURL + "/", httpVersion: .http2PriorKnowledge))
                    }
                }
            }
        }

        @Test func chunkedHTTP1TrailersAreTrailersNotHeaders() async throws {
            // A raw line server: the blank line ending the request head gets a chunked response with a trailer.
            let response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n"
                + "5\r\nhello\r\n0\r\nX-Checksum: abc123\r\n\r\n"
            let server = try await FixtureTCPServer.start(greeting: nil) { line in line.isEmpty ? response : nil }
            do {
                try await CurlEngine.withEngine { engine in
                    let reply = try await engine.perform(HTTPTransferRequest(url: "http://127.0.0.1:\(server.port)/"))
                    #expect(reply.body == Array("hello".utf8))
                    #expect(reply.headerValue("transfer-encoding") == "chunked")
                    #expect(reply.headerValue("x-checksum") == nil)
                    #expect(reply.trailers.map(\.name) == ["X-Checksum"])
                    #expect(reply.trailerValue("x-checksum") == "abc123")
                }
            } catch {
                try? await server.shutdown()
                throw error
            }
            try await server.shutdown()
        }

        @Test func aCAFileIsTrustedInsteadOfTheSystemStore() async throws {
            let certificates = try TestCertificates.make()
            defer { certificates.remove() }
            let server = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("trusted")) }, tls: certificates.valid)
            do {
                try await Self.expectTrustFollowsTheCAFile(server: server, certificates: certificates)
            } catch {
                try? await server.shutdown()
                throw error
            }
            try await server.shutdown()
        }

        static func expectTrustFollowsTheCAFile(server: FixtureHTTPServer, certificates: TestCertificates) async throws {
            try await CurlEngine.withEngine { engine in
                let untrusted = await #expect(throws: HTTPTransferError.self) {
                    try await engine.perform(HTTPTransferRequest(url: server.httpsBaseURL + "/"))
                }
                #expect(untrusted?.reason == .tlsCertificateUntrusted)
                let response = try await engine.perform(HTTPTransferRequest(
                    url: server.httpsBaseURL + "/", caFile: certificates.valid.certificatePath))
                #expect(response.body == Array("trusted".utf8))
                let other = await #expect(throws: HTTPTransferError.self) {
                    try await engine.perform(HTTPTransferRequest(
                        url: server.httpsBaseURL + "/", caFile: certificates.expiresSoon.certificatePath))
                }
                #expect(other?.reason == .tlsCertificateUntrusted)
            }
        }
    }
}
