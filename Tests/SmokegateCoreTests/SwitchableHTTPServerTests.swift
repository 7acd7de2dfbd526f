import NIOCore
import Synchronization
import Testing

@testable import SmokegateFixtures

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Switchable HTTP server", .timeLimit(.minutes(1)))
struct SwitchableHTTPServerTests {
    typealias RawConnection = FixtureServerTests.RawConnection
    static let health = "GET /health HTTP/1.1\r\nHost: t\r\n\r\n"

    @Test func servingAnswersAnyRequestWithTheVersion() async throws {
        try await Self.withServer(version: "1.4.2") { server in
            #expect(server.mode == .serving)
            #expect(server.version == "1.4.2")
            #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
            let answer = try await RawConnection.exchange(
                port: server.port, "POST /any/path?x=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi")
            #expect(answer.status == 200)
            #expect(answer.header("x-version") == "1.4.2")
            #expect(answer.header("content-type") == "application/json")
            #expect(answer.text == #"{"status":"ok","version":"1.4.2"}"#)
        }
    }

    @Test func setVersionChangesTheNextAnswerEvenOnAnOpenConnection() async throws {
        try await Self.withServer(version: "1.4.2") { server in
            let (before, after) = try await RawConnection.withConnection(port: server.port) { connection in
                try await connection.send(Self.health)
                let before = try await connection.readResponse()
                server.setVersion("1.5.0")
                try await connection.send(Self.health)
                return (before, try await connection.readResponse())
            }
            #expect(before.header("x-version") == "1.4.2")
            #expect(after.header("x-version") == "1.5.0")
            #expect(after.text == #"{"status":"ok","version":"1.5.0"}"#)
            #expect(server.version == "1.5.0")
        }
    }

    @Test func versionIsEscapedInTheBody() async throws {
        try await Self.withServer(version: #"2.0 "beta" \ 1"#) { server in
            let answer = try await RawConnection.exchange(port: server.port, Self.health)
            #expect(answer.text == #"{"status":"ok","version":"2.0 \"beta\" \\ 1"}"#)
        }
    }

    @Test func refusingClosesEverythingAndServingComesBackOnTheSamePort() async throws {
        try await Self.withServer(version: "1.4.2") { server in
            let port = server.port
            let leftover = try await RawConnection.withConnection(port: port) { connection in
                try await connection.send(Self.health)
                _ = try await connection.readResponse()
                try await server.setMode(.refusing)
                #expect(server.mode == .refusing)
                #expect(Self.connectErrno(port: port) == ECONNREFUSED)
                return await connection.readUntilFailure()
            }
            #expect(leftover.bytes.isEmpty, "the kept-alive connection should have been closed without a byte")

            try await server.setMode(.serving)
            #expect(server.mode == .serving)
            #expect(server.port == port)
            let answer = try await RawConnection.exchange(port: port, Self.health)
            #expect(answer.status == 200 && answer.header("x-version") == "1.4.2")
        }
    }

    @Test func failingAnswers503WithoutAVersion() async throws {
        try await Self.withServer(version: "1.4.2") { server in
            try await server.setMode(.failing)
            #expect(server.mode == .failing)
            let answer = try await RawConnection.exchange(port: server.port, Self.health)
            #expect(answer.status == 503)
            #expect(answer.header("x-version") == nil)
            #expect(answer.text == #"{"status":"unavailable"}"#)
            try await server.setMode(.serving)
            let back = try await RawConnection.exchange(port: server.port, Self.health)
            #expect(back.status == 200 && back.header("x-version") == "1.4.2")
        }
    }

    @Test func hungRequestStaysHungWhileLaterOnesAreServed() async throws {
        let server = try await SwitchableHTTPServer.start(version: "1.4.2")
        let port = server.port
        do {
            try await server.setMode(.hanging)
            let hung = Task {
                try await RawConnection.withConnection(port: port) { connection in
                    try await connection.send(Self.health)
                    return try await connection.nextChunk()
                }
            }
            // The mode must only change once the request is known to have arrived while hanging.
            try await Self.waitUntil { server.requestCount == 1 }
            try await server.setMode(.serving)
            let later = try await RawConnection.exchange(port: port, Self.health)
            #expect(later.status == 200 && later.header("x-version") == "1.4.2")
            await #expect(throws: FixtureServerTests.TimedOut.self) {
                try await FixtureServerTests.withTimeout(.milliseconds(300)) { try await hung.value }
            }
            try await server.shutdown()
            let chunk = try await FixtureServerTests.withTimeout(.seconds(10)) { try await hung.value }
            #expect(chunk == nil, "shutdown should end the hung connection without a byte")
        } catch {
            try? await server.shutdown()
            throw error
        }
    }

    @Test func overlappingModeChangesLeaveOneListener() async throws {
        try await Self.withServer(version: "1.4.2") { server in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask { try await server.setMode(index.isMultiple(of: 2) ? .refusing : .serving) }
                }
                try await group.waitForAll()
            }
            try await server.setMode(.serving)
            let answer = try await RawConnection.exchange(port: server.port, Self.health)
            #expect(answer.status == 200)
            // A listener orphaned by an interleaved rebind would still accept here.
            try await server.setMode(.refusing)
            #expect(Self.connectErrno(port: server.port) == ECONNREFUSED)
        }
    }

    @Test func rebindGivesUpWhileThePortIsTakenAndWorksOnceItIsFree() async throws {
        try await Self.withServer(version: "1.4.2") { server in
            let port = server.port
            try await server.setMode(.refusing)
            let squatter = try #require(Self.listeningSocket(port: port), "could not take the freed port")
            let error = await #expect(throws: IOError.self) { try await server.setMode(.serving) }
            close(squatter)
            #expect(error?.errnoCode == EADDRINUSE)
            #expect(server.mode == .refusing)
            try await server.setMode(.serving)
            #expect(server.port == port)
            let answer = try await RawConnection.exchange(port: port, Self.health)
            #expect(answer.status == 200)
        }
    }

    @Test func shutdownRefusesConnectionsAndModeChanges() async throws {
        let server = try await SwitchableHTTPServer.start(version: "1.4.2")
        let port = server.port
        try await server.shutdown()
        try await server.shutdown()
        #expect(server.mode == .refusing)
        #expect(Self.connectErrno(port: port) == ECONNREFUSED)
        await #expect(throws: ChannelError.self) { try await server.setMode(.serving) }
        #expect(Self.connectErrno(port: port) == ECONNREFUSED)
    }
}

extension SwitchableHTTPServerTests {
    /// Starts a server, runs `body`, and shuts the server down whatever happens.
    static func withServer(
        version: String,
        _ body: (SwitchableHTTPServer) async throws -> Void
    ) async throws {
        let server = try await SwitchableHTTPServer.start(version: version)
        do {
            try await body(server)
        } catch {
            try? await server.shutdown()
            throw error
        }
        try await server.shutdown()
    }

    /// Connects to 127.0.0.1:`port` with a plain blocking socket and closes it; 0 when accepted, else the errno.
    static func connectErrno(port: Int) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return errno }
        defer { close(descriptor) }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if connected == 0 { return 0 }
        let code = errno
        switch code {
        case EINTR, EALREADY, EINPROGRESS:
            // A signal (another test's child process ending) can interrupt the connect, which goes on in the
            // kernel; a restarted call says only that it is under way. Its outcome is SO_ERROR once the socket is
            // writable.
            var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            var polled: Int32
            repeat { polled = poll(&ready, 1, 5_000) } while polled < 0 && errno == EINTR
            guard polled > 0 else { return polled == 0 ? ETIMEDOUT : errno }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else { return errno }
            return error
        case EISCONN:
            return 0  // the interrupted connect completed before the restarted call
        default:
            return code
        }
    }

    /// A socket listening on 127.0.0.1:`port` that never accepts, or nil if the port cannot be taken.
    static func listeningSocket(port: Int) -> Int32? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        // SO_REUSEADDR, like the server's, so connections it left in TIME_WAIT do not stop the bind.
        var reuse: Int32 = 1
        let reusable = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard reusable == 0, bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }

    /// Polls `condition` until it holds, failing after a generous deadline.
    static func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw FixtureServerTests.TimedOut() }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
