import NIOCore
import NIOPosix

extension ClientBootstrap {
    /// Connects to `host:port`: an IP address straight away (no lookup, no hop to a resolver thread and back), a name
    /// through a `TimedResolver` that records the lookup's own duration on `clock`.
    func connect(host: String, port: Int, eventLoop: any EventLoop, clock: ChannelClock) -> EventLoopFuture<any Channel> {
        if let address = try? SocketAddress(ipAddress: host, port: port) {
            return connect(to: address)
        }
        return resolver(TimedResolver(eventLoop: eventLoop, clock: clock)).connect(host: host, port: port)
    }
}
