import NIOCore
import Synchronization

/// An in-process HTTP forward proxy on 127.0.0.1 that counts what it was asked to forward.
///
/// Speaks the two forms a client uses with an HTTP proxy: `CONNECT host:port` (a tunnel, as for https URLs) and
/// absolute-form requests such as `GET http://host:port/path` (forwarded in origin form). Each client connection
/// carries one tunnel or one forwarded request and its answer; then the two sides are simply spliced together.
public final class FixtureForwardProxy: FixtureService {
    private let listener: LoopbackListener
    private let log: ForwardProxyLog

    /// The ephemeral port the proxy listens on.
    public var port: Int { listener.port }

    /// `http://127.0.0.1:PORT`, the value for `proxy:` or `http_proxy`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// How many requests (CONNECT or forwarded) the proxy received so far.
    public var requestCount: Int { listener.registry.requestCount }

    /// The request lines received so far, in order: `CONNECT 127.0.0.1:8443 HTTP/1.1`, `GET http://… HTTP/1.1`.
    public var requestLines: [String] { log.lines }

    private init(listener: LoopbackListener, log: ForwardProxyLog) {
        self.listener = listener
        self.log = log
    }

    /// Starts a proxy on 127.0.0.1 and an ephemeral port.
    public static func start() async throws -> FixtureForwardProxy {
        let log = ForwardProxyLog()
        let listener = try await LoopbackListener.bind { channel, registry in
            try channel.pipeline.syncOperations.addHandler(ForwardProxyHandler(registry: registry, log: log))
        }
        return FixtureForwardProxy(listener: listener, log: log)
    }

    /// Starts a proxy, runs `body`, and shuts the proxy down whatever happens.
    nonisolated(nonsending)
        public static func withProxy<T: Sendable>(_ body: (FixtureForwardProxy) async throws -> T) async throws -> T
    {
        try await start().serving(body)
    }

    public func shutdown() async throws {
        try await listener.shutdown()
    }
}

/// The request lines a forward proxy received, shared between its connections.
final class ForwardProxyLog: Sendable {
    private let storage = Mutex<[String]>([])

    var lines: [String] { storage.withLock { $0 } }

    func append(_ line: String) {
        storage.withLock { $0.append(line) }
    }
}
