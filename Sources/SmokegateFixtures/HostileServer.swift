import NIOCore

/// A loopback server that misbehaves the same way on every connection, for tests that a prober stays
/// bounded in time and memory whatever the other side does.
///
/// It speaks raw bytes rather than through an HTTP encoder, so it can send what no HTTP library would:
/// heads that never end, bodies that drip or never stop, HTTP/1.0 bodies ended by the close.
public final class HostileServer: FixtureService {
    private let listener: LoopbackListener

    /// The ephemeral port the server listens on, on 127.0.0.1.
    public var port: Int { listener.port }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// `127.0.0.1:PORT`, for `tcp:` checks.
    public var address: String { "127.0.0.1:\(port)" }

    /// How many request heads have arrived so far (connections closed on accept count none).
    public var requestCount: Int { listener.registry.requestCount }

    private init(listener: LoopbackListener) {
        self.listener = listener
    }

    /// Starts listening on 127.0.0.1 and an ephemeral port; every connection gets `behavior`.
    public static func start(_ behavior: HostileBehavior) async throws -> HostileServer {
        let listener = try await LoopbackListener.bind { channel, registry in
            try channel.pipeline.syncOperations.addHandler(HostileConnectionHandler(behavior: behavior, registry: registry))
        }
        return HostileServer(listener: listener)
    }

    /// Starts a server, runs `body`, and shuts the server down whatever happens.
    nonisolated(nonsending)
        public static func withServer<T: Sendable>(
            _ behavior: HostileBehavior,
            _ body: (HostileServer) async throws -> T
        ) async throws -> T
    {
        try await start(behavior).serving(body)
    }

    /// Closes the listener and every connection, silent and streaming ones included; later calls do nothing.
    public func shutdown() async throws {
        try await listener.shutdown()
    }

    deinit {
        // A forgotten shutdown must not leave a port bound for the rest of the process.
        listener.closeWithoutWaiting()
    }
}
