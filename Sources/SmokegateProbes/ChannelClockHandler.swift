import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Stamps a connection's events on its `ChannelClock` the moment the event loop sees them.
///
/// The first handler of the pipeline (next to the socket), so its stamps come before any other handler's work: the
/// connect call as it goes to the socket, the connection becoming active before a TLS handler sends its hello.
final class ChannelClockHandler: ChannelDuplexHandler {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny

    private let clock: ChannelClock

    init(clock: ChannelClock) {
        self.clock = clock
    }

    func connect(context: ChannelHandlerContext, to address: SocketAddress, promise: EventLoopPromise<Void>?) {
        clock.connectStarted(at: .now())
        context.connect(to: address, promise: promise)
    }

    func channelActive(context: ChannelHandlerContext) {
        let now = NIODeadline.now()
        clock.becameActive(at: now, kernelHandshakeMicroseconds: Self.kernelHandshake(of: context.channel))
        context.fireChannelActive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        clock.wrote(at: .now())
        context.write(data, promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        clock.read(at: .now())
        context.fireChannelRead(data)
    }

    /// The handshake's round trip as the kernel measured it, read before anything is sent on the connection.
    ///
    /// Right after connecting, Linux's smoothed RTT holds exactly one sample, SYN to SYN-ACK, taken in the kernel when
    /// the SYN-ACK arrived. A retransmitted SYN makes that sample (or its absence) unreliable: then nil.
    private static func kernelHandshake(of channel: any Channel) -> Int64? {
        #if os(Linux)
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        var handshake: Int64?
        // On the channel's own event loop the option is read synchronously, the future is already complete and its
        // callback runs right here.
        provider.getTCPInfo().assumeIsolated().whenSuccess { info in
            guard info.tcpi_total_retrans == 0, info.tcpi_rtt > 0 else { return }
            handshake = Int64(info.tcpi_rtt)
        }
        return handshake
        #else
        return nil
        #endif
    }
}

@available(*, unavailable)
extension ChannelClockHandler: Sendable {}
