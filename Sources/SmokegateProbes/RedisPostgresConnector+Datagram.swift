import NIOCore
import NIOPosix

extension RedisPostgresConnector {
    /// Opens a connected UDP socket to `address`, running `initialize` on the channel first.
    ///
    /// Reads take datagrams of up to 64 KiB: NIO's default buffer (2 KiB) would cut a large EDNS reply.
    /// Connected, the kernel drops datagrams from any other address and reports an ICMP port unreachable as
    /// ECONNREFUSED on the next read, so a closed port fails at once instead of costing the timeout.
    func connectDatagram(
        to address: SocketAddress,
        initialize: @escaping @Sendable (any Channel) throws -> Void
    ) async throws -> any Channel {
        let bootstrap = DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 65_536))
            .channelInitializer(registering(initialize))
        return try await opened(bootstrap.connect(to: address), connectTimeout: .zero)
    }
}
