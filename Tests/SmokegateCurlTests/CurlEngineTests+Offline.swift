@testable import SmokegateCurl
import Testing

extension CurlEngineTests {
    /// Failures that need no HTTP server: refused ports, unknown names, bad requests, silent listeners.
    @Suite struct Offline {
        @Test func refusedConnectionIsReportedWithItsAddress() async throws {
            let port = try LoopbackSocket.closedPort()
            let error = try await expectTransferError {
                try await $0.perform(HTTPTransferRequest(url: "http://127.0.0.1:\(port)/"))
            }
            #expect(error.reason == .connectionRefused)
            #expect(error.curlCode == 7)
            #expect(error.message.contains("127.0.0.1:\(port)"))
            #expect(error.timings.total > 0)
        }

        @Test func unresolvableNameIsADNSFailure() async throws {
            let error = try await expectTransferError {
                try await $0.perform(HTTPTransferRequest(url: "http://nonexistent.invalid/"))
            }
            #expect(error.reason == .dns)
            #expect(error.curlCode == 6)
            #expect(error.message.contains("nonexistent.invalid"))
        }

        @Test(arguments: ["not a url", "ftp://127.0.0.1/file", "file:///etc/passwd", "http://", ""])
        func unusableURLIsAnInvalidRequest(url: String) async throws {
            let error = try await expectTransferError {
                try await $0.perform(HTTPTransferRequest(url: url))
            }
            #expect(error.reason == .invalidRequest)
        }

        @Test func malformedHeadersAndMethodsAreRefusedBeforeCurlRuns() async throws {
            let url = "http://127.0.0.1:1/"
            let badRequests = [
                HTTPTransferRequest(url: url, headers: [(name: "X-Bad", value: "a\r\nInjected: yes")]),
                HTTPTransferRequest(url: url, headers: [(name: "Bad Name", value: "x")]),
                HTTPTransferRequest(method: "GET /evil", url: url),
                HTTPTransferRequest(method: "HEAD", url: url, body: [1]),
                HTTPTransferRequest(url: url, connectTo: ["a:1:b:2\nc"]),
            ]
            for request in badRequests {
                let error = try await expectTransferError { try await $0.perform(request) }
                #expect(error.reason == .invalidRequest)
                #expect(error.curlCode == 0)
            }
        }

        @Test func silentServerTimesOutWithinTheTotalTimeout() async throws {
            let listener = try LoopbackSocket(listening: true)
            let url = "http://127.0.0.1:\(listener.port)/"
            let clock = ContinuousClock()
            let start = clock.now
            let error = try await expectTransferError {
                try await $0.perform(HTTPTransferRequest(
                    url: url, totalTimeout: .milliseconds(400)))
            }
            let elapsed = clock.now - start
            #expect(error.reason == .timeout)
            #expect(error.curlCode == 28)
            #expect(elapsed >= .milliseconds(400) && elapsed < .seconds(3))
            // curl starts its total clock a little after the timeout's, so it reads a hair under the limit.
            #expect(error.timings.total >= 390_000)
            #expect(error.timings.connect > 0 || error.timings.dns > 0)
        }

        @Test func cancellingAnInFlightTransferReturnsPromptly() async throws {
            let listener = try LoopbackSocket(listening: true)
            let url = "http://127.0.0.1:\(listener.port)/"
            try await CurlEngine.withEngine { engine in
                let transfer = Task {
                    try await engine.perform(HTTPTransferRequest(
                        url: url, totalTimeout: .seconds(60)))
                }
                let connected = try await eventually { listener.hasPendingConnection }
                #expect(connected)
                #expect(openClientSockets(toPort: listener.port) == 1)
                let clock = ContinuousClock()
                let start = clock.now
                transfer.cancel()
                let result = await transfer.result
                #expect(clock.now - start < .seconds(5), "cancellation must beat the 60 s timeout by far, even on a loaded machine")
                #expect(throws: CancellationError.self) { try result.get() }
                #expect(openClientSockets(toPort: listener.port) == 0)
            }
        }

        @Test func aTaskCancelledBeforehandNeverStartsItsTransfer() async throws {
            let listener = try LoopbackSocket(listening: true)
            let url = "http://127.0.0.1:\(listener.port)/"
            try await CurlEngine.withEngine { engine in
                let transfer = Task {
                    withUnsafeCurrentTask { $0?.cancel() }
                    return try await engine.perform(HTTPTransferRequest(url: url))
                }
                await #expect(throws: CancellationError.self) { try await transfer.value }
                #expect(!listener.hasPendingConnection)
            }
        }

        @Test func shutdownCancelsInFlightTransfersAndRefusesNewOnes() async throws {
            let listener = try LoopbackSocket(listening: true)
            let url = "http://127.0.0.1:\(listener.port)/"
            let engine = try CurlEngine()
            let transfer = Task {
                try await engine.perform(HTTPTransferRequest(
                    url: url, totalTimeout: .seconds(60)))
            }
            let connected = try await eventually { listener.hasPendingConnection }
                #expect(connected)
            engine.shutdown()
            engine.shutdown()
            await #expect(throws: CancellationError.self) { try await transfer.value }
            let error = await #expect(throws: HTTPTransferError.self) {
                try await engine.perform(HTTPTransferRequest(url: url))
            }
            #expect(error?.reason == .internal)
        }

        @Test func anIdleEngineDoesNotSpin() async throws {
            try await CurlEngine.withEngine { engine in
                let before = try #require(engine.threadCPUTime)
                try await Task.sleep(for: .milliseconds(1500))
                let used = try #require(engine.threadCPUTime) - before
                // A spinning poll loop would burn a whole core: 1.5 s here.
                #expect(used < .milliseconds(100), "curl thread CPU while idle: \(used)")
            }
        }

        @Test func thousandsOfTransfersLeaveNoSocketsBehind() async throws {
            let listener = try LoopbackSocket(listening: true)
            let url = "http://127.0.0.1:\(listener.port)/"
            try await CurlEngine.withEngine { engine in
                // Every transfer connects (the kernel accepts into the backlog) and times out
                // or is cancelled, so each one owned a socket that must be closed afterwards.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<2000 {
                        if index >= 100 { try await group.next() }
                        group.addTask {
                            let transfer = Task {
                                try await engine.perform(HTTPTransferRequest(url: url, totalTimeout: .milliseconds(20)))
                            }
                            if index.isMultiple(of: 2) { transfer.cancel() }
                            _ = await transfer.result
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(openClientSockets(toPort: listener.port) == 0)
            }
        }
    }
}

/// Runs `body` with a fresh engine and returns the `HTTPTransferError` it must throw.
func expectTransferError(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (CurlEngine) async throws -> some Any
) async throws -> HTTPTransferError {
    try await CurlEngine.withEngine { engine in
        do {
            let value = try await body(engine)
            Issue.record("expected an HTTPTransferError, got \(value)", sourceLocation: sourceLocation)
            throw SocketFailure(call: "none")
        } catch let error as HTTPTransferError {
            return error
        }
    }
}
