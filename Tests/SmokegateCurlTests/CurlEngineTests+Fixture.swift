import SmokegateCurl
import SmokegateFixtures
import Testing

extension CurlEngineTests {
    /// Transfers against the in-process fixture server: what comes back, what arrives, how long it took.
    @Suite struct AgainstFixture {
        @Test func statusHeadersAndBodyRoundTrip() async throws {
            let reply = FixtureResponse(
                status: 201, headers: [(name: "X-Colour", value: "green"), (name: "Content-Type", value: "text/plain")],
                body: Array("hello, probe".utf8))
            try await FixtureHTTPServer.withServer({ _ in .respond(reply) }) { server in
                try await CurlEngine.withEngine { engine in
                    let response = try await engine.perform(HTTPTransferRequest(url: server.baseURL + "/status"))
                    #expect(response.status == 201)
                    #expect(response.headerValue("x-colour") == "green")
                    #expect(response.headerValue("Content-Type") == "text/plain")
                    #expect(response.body == Array("hello, probe".utf8))
                    #expect(response.httpVersion == "1.1")
                    #expect(response.effectiveURL == server.baseURL + "/status")
                    #expect(response.redirectCount == 0)
                    #expect(response.primaryIP == "127.0.0.1")
                    #expect(response.primaryPort == server.port)
                    #expect(response.newConnections == 1)
                    #expect(response.certificate == nil)
                    #expect(response.timings.tls == 0)
                }
            }
        }

        @Test func postBodyAndRequestHeadersArrive() async throws {
            let log = RequestLog()
            let payload: [UInt8] = Array("{\"ok\":true}".utf8) + [0, 255, 10]
            try await FixtureHTTPServer.withServer({ request in
                log.record(request)
                return .respond(.text("stored"))
            }) { server in
                try await CurlEngine.withEngine { engine in
                    let response = try await engine.perform(HTTPTransferRequest(
                        method: "POST", url: server.baseURL + "/orders",
                        headers: [(name: "X-Probe", value: "smokegate"), (name: "Content-Type", value: "application/json"),
                                  (name: "X-Empty", value: "")],
                        body: payload))
                    #expect(response.status == 200)
                    #expect(response.body == Array("stored".utf8))
                }
            }
            let received = try #require(log.all.first)
            #expect(received.method == "POST")
            #expect(received.uri == "/orders")
            #expect(received.body == payload)
            #expect(received.header("X-Probe") == "smokegate")
            #expect(received.header("Content-Type") == "application/json")
            #expect(received.header("X-Empty") == "")
        }

        @Test(arguments: ["PUT", "DELETE", "PATCH"])
        func otherMethodsAreSentVerbatim(method: String) async throws {
            let log = RequestLog()
            try await FixtureHTTPServer.withServer({ request in
                log.record(request)
                return .respond(.text("ok"))
            }) { server in
                try await CurlEngine.withEngine { engine in
                    let body: [UInt8]? = method == "DELETE" ? nil : Array("x=1".utf8)
                    let response = try await engine.perform(HTTPTransferRequest(
                        method: method, url: server.baseURL + "/item", body: body))
                    #expect(response.status == 200)
                }
            }
            let received = try #require(log.all.first)
            #expect(received.method == method)
            #expect(received.body == (method == "DELETE" ? [] : Array("x=1".utf8)))
        }

        @Test func headRequestReturnsHeadersWithoutBody() async throws {
            try await FixtureHTTPServer.withServer({ _ in .respond(.text("a body HEAD must not read")) }) { server in
                try await CurlEngine.withEngine { engine in
                    let response = try await engine.perform(HTTPTransferRequest(method: "HEAD", url: server.baseURL))
                    #expect(response.status == 200)
                    #expect(response.body.isEmpty)
                    #expect(response.headerValue("Content-Length") == "25")
                }
            }
        }

        @Test func hangingServerTimesOut() async throws {
            try await FixtureHTTPServer.withServer({ _ in .hang }) { server in
                try await CurlEngine.withEngine { engine in
                    let clock = ContinuousClock()
                    let start = clock.now
                    await #expect {
                        try await engine.perform(HTTPTransferRequest(url: server.baseURL, totalTimeout: .milliseconds(500)))
                    } throws: { error in
                        (error as? HTTPTransferError)?.reason == .timeout
                    }
                    let elapsed = clock.now - start
                    #expect(elapsed >= .milliseconds(500) && elapsed < .seconds(3))
                }
            }
        }

        @Test func resetBeforeAnsweringIsReported() async throws {
            let error = try await transferError(for: .reset)
            #expect([.connectionReset, .closed].contains(error.reason), "\(error)")
        }

        @Test func resetMidBodyIsReported() async throws {
            let reply = FixtureResponse.text(String(repeating: "x", count: 100_000))
            let error = try await transferError(for: .resetMidBody(reply, afterBytes: 1000))
            #expect([.connectionReset, .closed].contains(error.reason), "\(error)")
        }

        @Test func closedWithoutAnswerIsClosed() async throws {
            let error = try await transferError(for: .closeImmediately)
            #expect(error.reason == .closed)
            #expect(error.curlCode == 52)
        }

        @Test func garbageInsteadOfHTTPIsAProtocolError() async throws {
            let error = try await transferError(for: .garbage(Array("SSH-2.0-OpenSSH_9.2\r\n".utf8)))
            #expect(error.reason == .protocol)
        }

        @Test func bodyBeyondTheCapFailsAndUpToTheCapSucceeds() async throws {
            let body = String(repeating: "b", count: 5000)
            try await FixtureHTTPServer.withServer({ _ in .respond(.text(body)) }) { server in
                try await CurlEngine.withEngine { engine in
                    await #expect {
                        try await engine.perform(HTTPTransferRequest(url: server.baseURL, bodyCap: 4999))
                    } throws: { error in
                        (error as? HTTPTransferError)?.reason == .bodyTooLarge
                    }
                    let exact = try await engine.perform(HTTPTransferRequest(url: server.baseURL, bodyCap: 5000))
                    #expect(exact.body.count == 5000)
                }
            }
        }

        @Test func redirectsAreFollowedUpToTheLimit() async throws {
            let hops: @Sendable (FixtureRequest) async -> FixtureBehavior = { request in
                switch request.path {
                case "/a": .respond(FixtureResponse(status: 302, headers: [(name: "Location", value: "/b")]))
                case "/b": .respond(FixtureResponse(status: 301, headers: [(name: "Location", value: "/c")]))
                default: .respond(FixtureResponse(status: 200, headers: [(name: "X-Hop", value: "c")], body: Array("end".utf8)))
                }
            }
            try await FixtureHTTPServer.withServer(hops) { server in
                try await CurlEngine.withEngine { engine in
                    let followed = try await engine.perform(HTTPTransferRequest(
                        url: server.baseURL + "/a", followRedirects: true))
                    #expect(followed.status == 200)
                    #expect(followed.redirectCount == 2)
                    #expect(followed.effectiveURL == server.baseURL + "/c")
                    #expect(followed.headerValue("X-Hop") == "c")
                    #expect(followed.headerValue("Location") == nil)
                    #expect(followed.body == Array("end".utf8))

                    let notFollowed = try await engine.perform(HTTPTransferRequest(url: server.baseURL + "/a"))
                    #expect(notFollowed.status == 302)
                    #expect(notFollowed.headerValue("Location") == "/b")

                    await #expect {
                        try await engine.perform(HTTPTransferRequest(
                            url: server.baseURL + "/a", followRedirects: true, maxRedirects: 1))
                    } throws: { error in
                        (error as? HTTPTransferError)?.reason == .tooManyRedirects
                    }
                }
            }
        }

        @Test func connectToPinsTheHostnameToTheFixture() async throws {
            let log = RequestLog()
            try await FixtureHTTPServer.withServer({ request in
                log.record(request)
                return .respond(.text("pinned"))
            }) { server in
                let port = server.port
                try await CurlEngine.withEngine { engine in
                    let response = try await engine.perform(HTTPTransferRequest(
                        url: "http://shop.example:\(port)/cart", connectTo: ["shop.example:\(port):127.0.0.1:\(port)"]))
                    #expect(response.status == 200)
                    #expect(response.primaryIP == "127.0.0.1")
                    #expect(response.primaryPort == port)
                    #expect(response.effectiveURL == "http://shop.example:\(port)/cart")
                }
                let received = try #require(log.all.first)
                #expect(received.header("Host") == "shop.example:\(port)")
            }
        }

        @Test func reusedConnectionsOpenNoNewConnection() async throws {
            try await FixtureHTTPServer.withServer({ _ in .respond(.text("again")) }) { server in
                try await CurlEngine.withEngine { engine in
                    let request = HTTPTransferRequest(url: server.baseURL, reuseConnections: true)
                    let first = try await engine.perform(request)
                    let second = try await engine.perform(request)
                    #expect(first.newConnections == 1)
                    #expect(second.newConnections == 0)
                    let fresh = try await engine.perform(HTTPTransferRequest(url: server.baseURL))
                    #expect(fresh.newConnections == 1)
                }
            }
        }

        @Test func twoHundredConcurrentTransfersAllComplete() async throws {
            try await FixtureHTTPServer.withServer({ request in
                .respond(.text(request.path, delay: .milliseconds(50)))
            }) { server in
                let baseURL = server.baseURL
                try await CurlEngine.withEngine { engine in
                    let paths = try await withThrowingTaskGroup(of: (String, String).self) { group in
                        for index in 0..<200 {
                            group.addTask {
                                let response = try await engine.perform(HTTPTransferRequest(url: "\(baseURL)/\(index)"))
                                return ("/\(index)", String(decoding: response.body, as: UTF8.self))
                            }
                        }
                        return try await group.reduce(into: [(String, String)]()) { $0.append($1) }
                    }
                    #expect(paths.count == 200)
                    #expect(paths.allSatisfy { $0.0 == $0.1 })
                    #expect(server.requestCount == 200)
                    // Each transfer closed its connection before its task resumed.
                    #expect(openClientSockets(toPort: server.port) == 0)
                }
            }
        }

        @Test func cancellingAHangingTransferReturnsPromptly() async throws {
            try await FixtureHTTPServer.withServer({ _ in .hang }) { server in
                let url = server.baseURL
                try await CurlEngine.withEngine { engine in
                    let transfer = Task {
                        try await engine.perform(HTTPTransferRequest(url: url, totalTimeout: .seconds(60)))
                    }
                    let arrived = try await eventually { server.requestCount == 1 }
                    #expect(arrived)
                    let clock = ContinuousClock()
                    let start = clock.now
                    transfer.cancel()
                    await #expect(throws: CancellationError.self) { try await transfer.value }
                    #expect(clock.now - start < .seconds(5), "cancellation must beat the 60 s timeout by far, even on a loaded machine")
                }
            }
        }

        private func transferError(for behavior: FixtureBehavior) async throws -> HTTPTransferError {
            try await FixtureHTTPServer.withServer({ _ in behavior }) { server in
                try await expectTransferError { engine in
                    try await engine.perform(HTTPTransferRequest(url: server.baseURL, totalTimeout: .seconds(5)))
                }
            }
        }
    }
}
