import NIOCore
import NIOPosix
import SmokegateFixtures
@testable import SmokegateModel
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Fixture servers", .timeLimit(.minutes(1)))
struct FixtureServerTests {
    @Test func respondRoundTripsStatusHeadersAndBody() async throws {
        let response = FixtureResponse(
            status: 418,
            headers: [(name: "X-Test", value: "yes"), (name: "Content-Type", value: "text/plain")],
            body: Array("short and stout".utf8)
        )
        try await FixtureHTTPServer.withServer({ request in
            request.path == "/pot" && request.header("x-probe") == "1"
                ? .respond(response) : .respond(.text("no", status: 400))
        }) { server in
            let answer = try await RawConnection.exchange(
                port: server.port, "GET /pot?x=1 HTTP/1.1\r\nHost: t\r\nX-Probe: 1\r\n\r\n")
            #expect(answer.status == 418)
            #expect(answer.header("x-test") == "yes")
            #expect(answer.header("content-type") == "text/plain")
            #expect(answer.header("content-length") == "15")
            #expect(answer.text == "short and stout")
        }
    }

    @Test func requestBodyAndHeadersReachTheScript() async throws {
        try await FixtureHTTPServer.withServer({ request in
            .respond(
                .json(
                    "{\"method\":\"\(request.method)\",\"body\":\"\(String(decoding: request.body, as: UTF8.self))\"}"))
        }) { server in
            let answer = try await RawConnection.exchange(
                port: server.port,
                "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello"
            )
            #expect(answer.header("content-type") == "application/json")
            #expect(answer.text == "{\"method\":\"POST\",\"body\":\"hello\"}")
        }
    }

    @Test func delayIsHonoured() async throws {
        try await FixtureHTTPServer.withServer({ _ in .respond(.text("late", delay: .milliseconds(200))) }) { server in
            let clock = ContinuousClock()
            let start = clock.now
            let answer = try await RawConnection.exchange(port: server.port, "GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(clock.now - start >= .milliseconds(200))
            #expect(answer.text == "late")
        }
    }

    @Test func hangNeverAnswersButShutdownClosesTheConnection() async throws {
        let (reached, reachedContinuation) = AsyncStream.makeStream(of: Void.self)
        let server = try await FixtureHTTPServer.start { _ in
            reachedContinuation.yield()
            return .hang
        }
        let port = server.port
        let firstChunk = Task {
            try await RawConnection.withConnection(port: port) { connection in
                try await connection.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
                return try await connection.nextChunk()
            }
        }
        for await _ in reached { break }
        await #expect(throws: TimedOut.self) {
            try await Self.withTimeout(.milliseconds(300)) { try await firstChunk.value }
        }
        try await server.shutdown()
        let chunk = try await Self.withTimeout(.seconds(10)) { try await firstChunk.value }
        #expect(chunk == nil, "the connection should end without a single byte")
    }

    @Test func resetAbortsWithConnectionReset() async throws {
        try await FixtureHTTPServer.withServer({ _ in .reset }) { server in
            let error = await #expect(throws: IOError.self) {
                try await RawConnection.withConnection(port: server.port) { connection in
                    try await connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                    return try await connection.readToEnd()
                }
            }
            #expect(error?.errnoCode == ECONNRESET)
        }
    }

    @Test func resetMidBodySendsThePromisedLengthThenResets() async throws {
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: 1000)
        try await FixtureHTTPServer.withServer({ _ in .resetMidBody(FixtureResponse(body: body), afterBytes: 100) }) {
            server in
            let (received, error) = try await RawConnection.withConnection(port: server.port) { connection in
                try await connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                return await connection.readUntilFailure()
            }
            #expect((error as? IOError)?.errnoCode == ECONNRESET)
            let text = String(decoding: received, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(text.contains("Content-Length: 1000\r\n"))
            #expect(text.hasSuffix("\r\n\r\n" + String(repeating: "x", count: 100)))
        }
    }

    @Test func closeImmediatelySendsNothing() async throws {
        try await FixtureHTTPServer.withServer({ _ in .closeImmediately }) { server in
            let bytes = try await RawConnection.withConnection(port: server.port) { connection in
                try await connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                return try await connection.readToEnd()
            }
            #expect(bytes.isEmpty)
        }
    }

    @Test func garbageArrivesRaw() async throws {
        let garbage: [UInt8] = Array("NOT HTTP AT ALL\r\n".utf8) + [0, 255, 13, 10]
        try await FixtureHTTPServer.withServer({ _ in .garbage(garbage) }) { server in
            let bytes = try await RawConnection.withConnection(port: server.port) { connection in
                try await connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                return try await connection.readToEnd()
            }
            #expect(bytes == garbage)
        }
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
        try await FixtureHTTPServer.withServer({ request in .respond(.text("path=\(request.path)")) }) { server in
            let answers = try await RawConnection.withConnection(port: server.port) { connection in
                try await connection.send("GET /one HTTP/1.1\r\nHost: t\r\n\r\n")
                let first = try await connection.readResponse()
                try await connection.send("GET /two?q HTTP/1.1\r\nHost: t\r\n\r\n")
                let second = try await connection.readResponse()
                // Pipelined: both requests in one write, answers must come back in order.
                try await connection.send("GET /three HTTP/1.1\r\nHost: t\r\n\r\nGET /four HTTP/1.1\r\nHost: t\r\n\r\n")
                let third = try await connection.readResponse()
                let fourth = try await connection.readResponse()
                return [first, second, third, fourth].map(\.text)
            }
            #expect(answers == ["path=/one", "path=/two", "path=/three", "path=/four"])
            #expect(server.requestCount == 4)
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await FixtureHTTPServer.withServer({ _ in .respond(.text("bye")) }) { server in
            let (answer, rest) = try await RawConnection.withConnection(port: server.port) { connection in
                try await connection.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                return (try await connection.readResponse(), try await connection.readToEnd())
            }
            #expect(answer.text == "bye")
            #expect(answer.header("connection") == "close")
            #expect(rest.isEmpty)
        }
    }

    @Test func requestCountCountsEveryRequest() async throws {
        try await FixtureHTTPServer.withServer({ _ in .respond(.text("ok")) }) { server in
            #expect(server.requestCount == 0)
            for _ in 0..<3 {
                _ = try await RawConnection.exchange(port: server.port, "GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            }
            #expect(server.requestCount == 3)
            #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        }
    }

    @Test func demoServicesAnswerHealthWithTheirVersions() async throws {
        try await DemoServices.withServices { demo in
            #expect(demo.blue.port != demo.green.port)
            let blue = try await RawConnection.exchange(port: demo.blue.port, "GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            let green = try await RawConnection.exchange(
                port: demo.green.port, "GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(blue.status == 200 && green.status == 200)
            #expect(blue.header("x-version") == "1.4.2" && blue.header("x-served-by") == "blue")
            #expect(green.header("x-version") == "1.5.0" && green.header("x-served-by") == "green")
            #expect(blue.text.contains("\"version\":\"1.4.2\""))
            #expect(
                green.text == "{\"status\":\"UP\",\"version\":\"1.5.0\",\"checks\":{\"db\":\"UP\",\"cache\":\"UP\"}}")
        }
    }

    @Test func demoServicesRouteLikeAShop() async throws {
        try await DemoServices.withServices { demo in
            let port = demo.green.port
            let home = try await RawConnection.exchange(port: port, "GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(
                home.text.contains("<title>Smokegate Shop</title>") && home.text.contains("<footer>v1.5.0</footer>"))
            let item = try await RawConnection.exchange(port: port, "GET /api/products/2 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(item.status == 200 && item.text.hasPrefix("{\"id\":2,"))
            let missing = try await RawConnection.exchange(
                port: port, "GET /api/products/9 HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(missing.status == 404 && missing.text == "{\"error\":\"not found\"}")
            let moved = try await RawConnection.exchange(port: port, "GET /old-home HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(moved.status == 301 && moved.header("location") == "/")
            let feed = try await RawConnection.exchange(port: port, "GET /feed.xml HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(feed.header("content-type")?.hasPrefix("application/rss+xml") == true)
        }
    }

    @Test func tcpServerGreetsAndRepliesLineByLine() async throws {
        let server = try await FixtureTCPServer.start(greeting: "+OK ready") { line in
            line == "PING" ? "PONG" : line == "QUIET" ? nil : "ECHO \(line)"
        }
        do {
            let lines = try await RawConnection.withConnection(port: server.port) { connection in
                var lines = [try await connection.readLine()]
                try await connection.send("PING\r\nQUIET\n")
                try await connection.send("hello\n")
                lines.append(try await connection.readLine())
                // QUIET got no reply, so the next line answers "hello".
                lines.append(try await connection.readLine())
                return lines
            }
            #expect(lines == ["+OK ready", "PONG", "ECHO hello"])
        } catch {
            try await server.shutdown()
            throw error
        }
        try await server.shutdown()
    }
}

// Helpers live inside the suite so their names cannot collide with other files of this test target.
extension FixtureServerTests {
    /// The client gave up waiting.
    struct TimedOut: Error {}

    /// The server closed the connection before the expected bytes arrived.
    struct EndOfStream: Error {}

    /// Runs `operation`, throwing `TimedOut` if it has not finished within `limit`.
    ///
    /// Unlike a task group this returns at the deadline even when `operation` ignores cancellation
    /// (awaiting another task's value, say); the operation is cancelled and left to finish on its own.
    static func withTimeout<T: Sendable>(
        _ limit: Duration,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let outcome = Mutex<CheckedContinuation<T, any Error>?>(nil)
        let finish: @Sendable (Result<T, any Error>) -> Void = { result in
            outcome.withLock { $0.take() }?.resume(with: result)
        }
        return try await withCheckedThrowingContinuation { continuation in
            outcome.withLock { $0 = continuation }
            let work = Task {
                do { finish(.success(try await operation())) } catch { finish(.failure(error)) }
            }
            Task {
                try? await Task.sleep(for: limit)
                work.cancel()
                finish(.failure(TimedOut()))
            }
        }
    }

    /// An HTTP response as parsed by the raw test client.
    struct RawResponse: Sendable {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// A plain NIO TCP client that sees exactly the bytes the fixture put on the wire.
    final class RawConnection {
        private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        private var pending: [UInt8] = []

        private init(
            inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        ) {
            self.inbound = inbound.makeAsyncIterator()
            self.outbound = outbound
        }

        /// Connects to 127.0.0.1:`port`, runs `body`, and closes the connection.
        static func withConnection<T: Sendable>(port: Int, _ body: (RawConnection) async throws -> T) async throws -> T
        {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            return try await channel.executeThenClose { inbound, outbound in
                try await body(RawConnection(inbound: inbound, outbound: outbound))
            }
        }

        /// Sends one request on a fresh connection and parses the answer.
        static func exchange(port: Int, _ request: String) async throws -> RawResponse {
            try await withConnection(port: port) { connection in
                try await connection.send(request)
                return try await connection.readResponse()
            }
        }

        func send(_ text: String) async throws {
            try await outbound.write(ByteBuffer(string: text))
        }

        /// The next bytes to arrive (buffered ones first), or nil at end of stream.
        func nextChunk() async throws -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            return try await inbound.next().map { Array($0.readableBytesView) }
        }

        func readToEnd() async throws -> [UInt8] {
            var bytes: [UInt8] = []
            while let chunk = try await nextChunk() { bytes += chunk }
            return bytes
        }

        /// Everything that arrives until the stream ends, and the error it ended with, if any.
        func readUntilFailure() async -> (bytes: [UInt8], error: (any Error)?) {
            var bytes: [UInt8] = []
            do {
                while let chunk = try await nextChunk() { bytes += chunk }
                return (bytes, nil)
            } catch {
                return (bytes, error)
            }
        }

        /// One line without its terminator.
        func readLine() async throws -> String {
            let newline = try await fill { $0.firstIndex(of: UInt8(ascii: "\n")) }
            var line = Array(pending[..<newline])
            pending.removeFirst(newline + 1)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            return String(decoding: line, as: UTF8.self)
        }

        /// One response, framed by its Content-Length (the fixtures always send one).
        func readResponse() async throws -> RawResponse {
            let separator: [UInt8] = Array("\r\n\r\n".utf8)
            let headEnd = try await fill { bytes in
                bytes.indices.dropLast(3).first { bytes[$0..<($0 + 4)].elementsEqual(separator) }
            }
            let lines = String(decoding: pending[..<headEnd], as: UTF8.self).split(separator: "\r\n")
            let statusParts = lines.first?.split(separator: " ") ?? []
            let status = statusParts.count > 1 ? Int(statusParts[1]) ?? -1 : -1
            let headers = lines.dropFirst().map { line in
                let colon = line.firstIndex(of: ":") ?? line.endIndex
                return (name: String(line[..<colon]), value: line[colon...].dropFirst().trimmingPrefix(" ").description)
            }
            let length = Int(headers.first { $0.name.lowercased() == "content-length" }?.value ?? "0") ?? 0
            let bodyStart = headEnd + 4
            _ = try await fill { $0.count >= bodyStart + length ? bodyStart : nil }
            let body = Array(pending[bodyStart..<(bodyStart + length)])
            pending.removeFirst(bodyStart + length)
            return RawResponse(status: status, headers: headers, body: body)
        }

        /// Reads until `found` finds what it looks for in the buffered bytes.
        private func fill(until found: ([UInt8]) -> Int?) async throws -> Int {
            while true {
                if let index = found(pending) { return index }
                guard let chunk = try await inbound.next() else { throw EndOfStream() }
                pending += chunk.readableBytesView
            }
        }
    }
}
