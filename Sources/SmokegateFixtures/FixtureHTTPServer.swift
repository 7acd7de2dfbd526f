import NIOCore
import NIOHTTP1
import NIOSSL

/// An in-process HTTP/1.1 server on 127.0.0.1 whose every answer is scripted by a closure.
///
/// The script runs once per request in its own task and returns a `FixtureBehavior`; the
/// connection then answers, delays, hangs or breaks as told. Keep-alive, pipelining and
/// `Connection: close` work as in a real server.
public final class FixtureHTTPServer: FixtureService {
    private let listener: LoopbackListener

    /// The ephemeral port the server listens on.
    public var port: Int { listener.port }

    /// The server's root URL, `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// How many complete requests the server has received so far, answered or not.
    public var requestCount: Int { listener.registry.requestCount }

    private init(listener: LoopbackListener) {
        self.listener = listener
    }

    /// Starts a server on 127.0.0.1 and an ephemeral port; `handler` decides, from a task, what each request gets.
    public static func start(
        _ handler: @escaping @Sendable (FixtureRequest) async -> FixtureBehavior
    ) async throws -> FixtureHTTPServer {
        try await start(script: .deferred(handler))
    }

    /// Starts a server whose answers are decided on the event loop, immune to a busy cooperative pool.
    public static func start(answering handler: @escaping @Sendable (FixtureRequest) -> FixtureBehavior) async throws -> FixtureHTTPServer {
        try await start(script: .immediate(handler))
    }

    /// Starts a server scripted by `script`.
    public static func start(script: FixtureScript) async throws -> FixtureHTTPServer {
        try await start(script: script, tls: nil)
    }

    /// Starts a server scripted by `script`, speaking HTTPS when `tls` is given.
    static func start(script: FixtureScript, tls: NIOSSLContext?) async throws -> FixtureHTTPServer {
        let listener = try await LoopbackListener.bind(tls: tls) { channel, registry in
            try channel.pipeline.syncOperations.addHandler(
                ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes))
            )
            try channel.pipeline.syncOperations.addHandler(FixtureHTTPHandler(script: script, registry: registry))
        }
        return FixtureHTTPServer(listener: listener)
    }

    /// Starts a server, runs `body`, and shuts the server down whatever happens.
    nonisolated(nonsending)
        public static func withServer<T: Sendable>(
            _ handler: @escaping @Sendable (FixtureRequest) async -> FixtureBehavior,
            _ body: (FixtureHTTPServer) async throws -> T
        ) async throws -> T
    {
        try await withServer(script: .deferred(handler), body)
    }

    /// Starts a server answering on the event loop, runs `body`, and shuts the server down whatever happens.
    nonisolated(nonsending)
        public static func withServer<T: Sendable>(
            answering handler: @escaping @Sendable (FixtureRequest) -> FixtureBehavior,
            _ body: (FixtureHTTPServer) async throws -> T
        ) async throws -> T
    {
        try await withServer(script: .immediate(handler), body)
    }

    /// Starts a server scripted by `script`, runs `body`, and shuts the server down whatever happens.
    nonisolated(nonsending)
        public static func withServer<T: Sendable>(
            script: FixtureScript,
            _ body: (FixtureHTTPServer) async throws -> T
        ) async throws -> T
    {
        try await start(script: script).serving(body)
    }

    /// Closes the listener and every open connection, hanging ones included; later calls do nothing.
    ///
    /// Scripts still running finish in the background; their answers find the connection gone.
    public func shutdown() async throws {
        try await listener.shutdown()
    }

    deinit {
        // A forgotten shutdown must not leave a port bound for the rest of the process.
        listener.closeWithoutWaiting()
    }
}
