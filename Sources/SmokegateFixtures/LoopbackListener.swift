import NIOCore
import NIOPosix
import NIOSSL

/// A listening socket on 127.0.0.1, with every connection it accepted tracked for shutdown.
struct LoopbackListener: Sendable {
    private let channel: any Channel
    let registry: ConnectionRegistry
    let port: Int

    /// Binds and starts accepting; `configure` builds each connection's pipeline, on its event loop.
    ///
    /// `port` 0 picks an ephemeral port; a given one lets a server come back where it was (SO_REUSEADDR is set).
    ///
    /// With `tls`, every connection starts with a TLS server handler, so `configure`'s handlers see plaintext.
    static func bind(
        port: Int = 0,
        backlog: Int32 = 1024,
        tls: NIOSSLContext? = nil,
        configure: @escaping @Sendable (any Channel, ConnectionRegistry) throws -> Void
    ) async throws -> LoopbackListener {
        let registry = ConnectionRegistry()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: backlog)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            // Half-closure lets a client that shuts down its sending side still read the answer.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                guard registry.register(channel) else {
                    return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
                }
                return channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try configure(channel, registry)
                }
            }
            .bind(host: "127.0.0.1", port: port)
            .get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close().get()
            throw FixtureServerError.noLocalPort
        }
        return LoopbackListener(channel: channel, registry: registry, port: port)
    }

    /// Closes the listener and every open connection and waits for them; later calls do nothing.
    func shutdown() async throws {
        guard let open = registry.beginShutdown() else { return }
        var listenerError: (any Error)?
        do {
            try await channel.close().get()
        } catch ChannelError.alreadyClosed {
            // Already closed; the connections below still need closing.
        } catch {
            listenerError = error
        }
        await ConnectionRegistry.closeAll(open)
        if let listenerError { throw listenerError }
    }

    /// Starts closing everything without waiting, for owners going away without a shutdown.
    func closeWithoutWaiting() {
        guard let open = registry.beginShutdown() else { return }
        channel.close(promise: nil)
        for connection in open { connection.close(promise: nil) }
    }
}
