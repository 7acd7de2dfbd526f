import Foundation
import NIOCore
import NIOPosix
import SmokegateFixtures
import SmokegateProbes
import Testing

extension RunsAlone {
    /// TCPProbe over plain TCP against real loopback sockets: what passes, and how each failure is named.
    @Suite struct TCPProbeTests {
        @Test func closedPortIsConnectionRefused() async throws {
            let port = try await Self.closedPort()
            let failure = try await Self.failure(of: TCPProbeRequest(host: "127.0.0.1", port: port))
            #expect(failure.reason == .connectionRefused)
            #expect(failure.message.contains("127.0.0.1:\(port)"))
            #expect(failure.elapsedMicroseconds != nil)
        }

        @Test func bracketedIPv6AddressIsAccepted() async throws {
            let port = try await Self.closedPort()
            let failure = try await Self.failure(of: TCPProbeRequest(host: "[::1]", port: port))
            // Refused, or unreachable where the machine has no IPv6 loopback: either way not a DNS failure.
            #expect(failure.reason == .connectionRefused)
            #expect(failure.message.contains("[::1]:\(port)"), "\(failure.message)")
        }

        @Test func unresolvableNameIsDNS() async throws {
            let failure = try await Self.failure(of: TCPProbeRequest(host: "nonexistent.invalid", port: 22))
            #expect(failure.reason == .dns)
            #expect(failure.message.contains("nonexistent.invalid"))
        }

        @Test func bannerExpectationPassesAndReportsTheConnectTime() async throws {
            try await Self.withServer(greeting: "SSH-2.0-test") { server in
                let result = try await TCPProbe.run(TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, expect: { $0.hasPrefix("SSH-2.0-") }))
                #expect(String(decoding: result.received, as: UTF8.self) == "SSH-2.0-test\r\n")
                #expect(result.connectMicroseconds > 0)
                #expect(result.connectMicroseconds <= result.totalMicroseconds)
                #expect(result.tlsMicroseconds == nil)
                #expect(result.certificate == nil)
                #expect(result.replyMicroseconds != nil)
                #expect(result.peer == "127.0.0.1:\(server.port)")
            }
        }

        @Test func localhostResolvesAndConnects() async throws {
            try await Self.withServer(greeting: "READY") { server in
                let result = try await TCPProbe.run(TCPProbeRequest(host: "localhost", port: server.port, expect: { $0.contains("READY") }))
                #expect(result.peer == "127.0.0.1:\(server.port)")
            }
        }

        @Test func sendPingExpectPong() async throws {
            try await Self.withServer(greeting: nil, reply: { $0 == "PING" ? "PONG" : "ERR" }) { server in
                let result = try await TCPProbe.run(TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, send: Array("PING\r\n".utf8), expect: { $0.contains("PONG") }))
                #expect(String(decoding: result.received, as: UTF8.self) == "PONG\r\n")
                let reply = try #require(result.replyMicroseconds)
                #expect(reply >= 0 && reply <= result.totalMicroseconds)
            }
        }

        @Test func connectOnlySucceedsOnceConnected() async throws {
            try await Self.withServer(greeting: nil) { server in
                let result = try await TCPProbe.run(TCPProbeRequest(host: "127.0.0.1", port: server.port, readTimeout: .milliseconds(200)))
                #expect(result.replyMicroseconds == nil)
                #expect(result.received.isEmpty)
            }
        }

        @Test func sendWithoutExpectationPassesOnAnyReply() async throws {
            try await Self.withServer(greeting: nil, reply: { _ in "whatever" }) { server in
                let result = try await TCPProbe.run(TCPProbeRequest(host: "127.0.0.1", port: server.port, send: Array("hi\n".utf8)))
                #expect(!result.received.isEmpty)
                #expect(result.replyMicroseconds != nil)
            }
        }

        @Test func sendWithoutExpectationAndNoReplyIsReadTimeout() async throws {
            try await Self.withServer(greeting: nil) { server in
                let failure = try await Self.failure(of: TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, send: Array("hi\n".utf8), readTimeout: .milliseconds(300)))
                #expect(failure.reason == .readTimeout)
                #expect(failure.message.contains("nothing received"))
            }
        }

        @Test func silenceAfterAcceptIsReadTimeoutQuotingWhatArrived() async throws {
            try await Self.withServer(greeting: "HELLO\u{1}") { server in
                let clock = ContinuousClock()
                let started = clock.now
                let failure = try await Self.failure(of: TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, expect: { $0.contains("NEVER") }, readTimeout: .milliseconds(300)))
                let elapsed = clock.now - started
                #expect(failure.reason == .readTimeout)
                #expect(failure.message.contains(#"received 8 bytes: "HELLO\u{1}\r\n""#), "\(failure.message)")
                #expect(elapsed >= .milliseconds(300))
                #expect(elapsed < .seconds(3))
            }
        }

        @Test func totalTimeoutCutsALongerReadTimeout() async throws {
            try await Self.withServer(greeting: nil) { server in
                let clock = ContinuousClock()
                let started = clock.now
                let failure = try await Self.failure(of: TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, expect: { _ in false },
                    readTimeout: .seconds(30), totalTimeout: .milliseconds(300)))
                #expect(failure.reason == .timeout)
                #expect(clock.now - started < .seconds(3))
            }
        }

        @Test func halfAReplyThenCloseIsClosed() async throws {
            try await FixtureHTTPServer.withServer(answering: { _ in .garbage(Array("PON".utf8)) }) { server in
                let failure = try await Self.failure(of: TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, send: Self.httpGet, expect: { $0.contains("PONG") }))
                #expect(failure.reason == .closed)
                #expect(failure.message.contains(#""PON""#), "\(failure.message)")
            }
        }

        @Test func resetIsConnectionReset() async throws {
            try await FixtureHTTPServer.withServer(answering: { _ in .reset }) { server in
                let failure = try await Self.failure(of: TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, send: Self.httpGet, expect: { $0.contains("200") }))
                #expect(failure.reason == .connectionReset)
            }
        }

        @Test func expectationHeldBeforeTheCloseStillPasses() async throws {
            try await FixtureHTTPServer.withServer(answering: { _ in .garbage(Array("PONG".utf8)) }) { server in
                let result = try await TCPProbe.run(TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, send: Self.httpGet, expect: { $0.contains("PONG") }))
                #expect(result.received == Array("PONG".utf8))
            }
        }

        @Test func receivedBytesAreBoundedByMaxReceive() async throws {
            try await Self.withServer(greeting: String(repeating: "x", count: 500)) { server in
                let failure = try await Self.failure(of: TCPProbeRequest(
                    host: "127.0.0.1", port: server.port, expect: { $0.contains("y") }, maxReceive: 100))
                #expect(failure.reason == .protocol)
                #expect(failure.message.contains("100 bytes"))
            }
        }

        @Test(arguments: [
            TCPProbeRequest(host: "", port: 80),
            TCPProbeRequest(host: "a b", port: 80),
            TCPProbeRequest(host: "127.0.0.1", port: 0),
            TCPProbeRequest(host: "127.0.0.1", port: 70_000),
            TCPProbeRequest(host: "127.0.0.1", port: 80, readTimeout: .zero),
            TCPProbeRequest(host: "127.0.0.1", port: 80, maxReceive: 0),
            TCPProbeRequest(host: "127.0.0.1", port: 80, tls: TLSClientOptions(serverName: "")),
        ])
        func invalidRequestsAreRefusedBeforeConnecting(request: TCPProbeRequest) async throws {
            let failure = try await Self.failure(of: request)
            #expect(failure.reason == .invalidRequest)
        }

        @Test func connectTimeoutAgainstAFullBacklog() async throws {
            let listener = try FullBacklogListener()
            defer { listener.close() }
            let clock = ContinuousClock()
            let started = clock.now
            let failure = try await Self.failure(of: TCPProbeRequest(
                host: "127.0.0.1", port: listener.port, connectTimeout: .milliseconds(300)))
            #expect(failure.reason == .connectTimeout)
            #expect(failure.message.contains("300ms"))
            #expect(clock.now - started < .seconds(3))
        }

        @Test func cancellationEndsAWaitingProbePromptly() async throws {
            try await Self.withServer(greeting: nil) { server in
                let probe = Task {
                    try await TCPProbe.run(TCPProbeRequest(
                        host: "127.0.0.1", port: server.port, expect: { _ in false },
                        readTimeout: .seconds(30), totalTimeout: .seconds(60)))
                }
                // Lets the probe get connected and waiting; the outcome below is the same if it has not yet.
                try await Task.sleep(for: .milliseconds(200))
                let clock = ContinuousClock()
                let cancelled = clock.now
                probe.cancel()
                await #expect(throws: CancellationError.self) { try await probe.value }
                #expect(clock.now - cancelled < .seconds(5), "cancellation must beat the read timeout by far, even on a loaded machine")
            }
        }

        @Test func cancellationBeforeStartThrowsCancellationError() async throws {
            let port = try await Self.closedPort()
            let probe = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await TCPProbe.run(TCPProbeRequest(host: "127.0.0.1", port: port))
            }
            await #expect(throws: CancellationError.self) { try await probe.value }
        }

        // MARK: Helpers

        static let httpGet = Array("GET / HTTP/1.1\r\nHost: fixture\r\n\r\n".utf8)

        /// The probe's failure; fails the test if it passed or threw anything but a `ProbeFailure`.
        static func failure(of request: TCPProbeRequest) async throws -> ProbeFailure {
            do {
                let result = try await TCPProbe.run(request)
                Issue.record("expected a failure, got \(result)")
                return ProbeFailure(.internal, "The probe passed.")
            } catch let failure as ProbeFailure {
                return failure
            }
        }

        /// Runs `body` against a line server, shutting it down whatever happens.
        static func withServer<T>(
            greeting: String?,
            reply: @escaping @Sendable (String) -> String? = { _ in nil },
            _ body: (FixtureTCPServer) async throws -> T
        ) async throws -> T {
            let server = try await FixtureTCPServer.start(greeting: greeting, reply: reply)
            do {
                let result = try await body(server)
                try await server.shutdown()
                return result
            } catch {
                try? await server.shutdown()
                throw error
            }
        }

        /// A loopback port nothing listens on: bound, noted, closed.
        static func closedPort() async throws -> Int {
            try await LoopbackPort.closed()
        }
    }
}

/// A loopback listener that never accepts, its one-slot queue already taken, so a further connect hangs in SYN_SENT.
///
/// Linux drops a SYN while the accept queue is full, and `listen(fd, 0)` makes that queue hold a single
/// connection: the filler connects, the probe cannot. Stays on 127.0.0.1; nothing leaves the machine.
private final class FullBacklogListener {
    let port: Int
    private let listener: Int32
    private var fillers: [Int32] = []

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(listener, generic, length) == 0 && listen(listener, 0) == 0
                    && getsockname(listener, generic, &length) == 0
            }
        }
        guard bound else {
            Glibc.close(listener)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        self.listener = listener
        self.port = Int(UInt16(bigEndian: address.sin_port))
        try fill(address)
    }

    /// Connects fillers until one no longer gets through, proof that the queue is full.
    private func fill(_ address: sockaddr_in) throws {
        for _ in 0..<8 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard filler >= 0 else { throw POSIXError(.EMFILE) }
            fillers.append(filler)
            // On Linux SO_SNDTIMEO also bounds a blocking connect.
            var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
            setsockopt(filler, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var target = address
            let connected = withUnsafePointer(to: &target) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(filler, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            if !connected { return }
        }
        throw POSIXError(.EAGAIN)
    }

    func close() {
        for filler in fillers { Glibc.close(filler) }
        Glibc.close(listener)
    }
}
