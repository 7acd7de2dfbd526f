import NIOCore
import NIOPosix
import Synchronization

/// The TCP connection a Redis or PostgreSQL probe speaks over: bounded connect, prompt close, classified failures.
///
/// Both probes need the same three things from a socket, so they share this rather than each growing its own
/// error table. `close()` may be called from any thread at any time (task cancellation, the probe's deadline);
/// it closes every channel the bootstrap created, including one still connecting, so no await outlives it.
final class RedisPostgresConnector: Sendable {
    private struct State {
        var channels: [any Channel] = []
        var closed = false
        var expired = false
        var failure: ProbeFailure?
    }

    /// `host:port` as the user wrote it, for messages.
    let target: String
    private let state = Mutex(State())

    init(target: String) {
        self.target = target
    }

    /// Connects to `host:port` on one loop of the shared event loop group, running `initialize` on the channel before
    /// it connects; the returned clock holds the connection's stamps (DNS, connect, then each exchange's).
    ///
    /// Throws a `ProbeFailure` (dns, connection_refused, connect_timeout…) or `CancellationError` when closed meanwhile.
    func connect(
        host: String,
        port: Int,
        connectTimeout: Duration,
        initialize: @escaping @Sendable (any Channel) throws -> Void = { _ in }
    ) async throws -> (channel: any Channel, clock: ChannelClock) {
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let clock = ChannelClock()
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(.nanoseconds(Self.nanoseconds(connectTimeout)))
            .channelInitializer(registering { channel in
                // First, next to the socket: its stamps precede every other handler's work.
                try channel.pipeline.syncOperations.addHandler(ChannelClockHandler(clock: clock))
                try initialize(channel)
            })
        let channel = try await opened(bootstrap.connect(host: host, port: port, eventLoop: eventLoop, clock: clock), connectTimeout: connectTimeout)
        return (channel, clock)
    }

    /// A channel initializer that remembers the channel for `close()` (refusing it when already closed), then
    /// runs `initialize` on it.
    func registering(
        _ initialize: @escaping @Sendable (any Channel) throws -> Void
    ) -> @Sendable (any Channel) -> EventLoopFuture<Void> {
        { [self] channel in
            guard register(channel) else {
                return channel.eventLoop.makeFailedFuture(CancellationError())
            }
            return channel.eventLoop.makeCompletedFuture { try initialize(channel) }
        }
    }

    /// Waits for a bootstrap's channel, registered so `close()` reaches it, and classifies a failure.
    func opened(_ channel: EventLoopFuture<any Channel>, connectTimeout: Duration) async throws -> any Channel {
        do {
            let channel = try await channel.get()
            // A close() racing the connect's completion must not leave the winner open.
            guard register(channel) else {
                channel.close(promise: nil)
                throw CancellationError()
            }
            return channel
        } catch {
            if isClosed || error is CancellationError { throw CancellationError() }
            throw TCPConnectFailureClassifier.classify(error, target: target, host: target, connectTimeout: connectTimeout)
        }
    }

    /// Whether `close()` has been called.
    var isClosed: Bool {
        state.withLock { $0.closed }
    }

    /// Whether `expire()` has been called: the probe ran out of time rather than failing on its own.
    var hasExpired: Bool {
        state.withLock { $0.expired }
    }

    /// The first failure a channel handler saw, so a write that fails after the pipeline is gone still says why.
    var recordedFailure: ProbeFailure? {
        state.withLock { $0.failure }
    }

    /// Remembers why the connection broke; later failures are its consequences and are dropped.
    func record(_ failure: ProbeFailure) {
        state.withLock { state in
            if state.failure == nil { state.failure = failure }
        }
    }

    /// Closes every channel, now and any created later; safe to call repeatedly and from any thread.
    func close() {
        close(expiring: false)
    }

    /// Closes like `close()` and remembers that the deadline, not the server, ended the probe.
    func expire() {
        close(expiring: true)
    }

    private func close(expiring: Bool) {
        let channels = state.withLock { state in
            state.closed = true
            state.expired = state.expired || expiring
            return state.channels
        }
        for channel in channels {
            channel.close(mode: .all, promise: nil)
        }
    }

    /// Closes everything and waits until the sockets are really gone, so a probe never returns holding a descriptor.
    func shutdown() async {
        close()
        let channels = state.withLock { $0.channels }
        for channel in channels {
            try? await channel.closeFuture.get()
        }
    }

    /// Remembers a channel to close later; false (and nothing remembered) when already closed.
    private func register(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            if !state.channels.contains(where: { $0 === channel }) {
                state.channels.append(channel)
            }
            return true
        }
    }

    /// The peer's address as `ip:port` (`[ip]:port` for IPv6), or the target when the channel no longer knows it.
    static func peer(of channel: any Channel, fallback: String) -> String {
        guard let address = channel.remoteAddress, let ip = address.ipAddress, let port = address.port else {
            return fallback
        }
        if case .v6 = address { return "[\(ip)]:\(port)" }
        return "\(ip):\(port)"
    }

    /// `host:port` for messages, bracketing IPv6 literals.
    static func target(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? Int64.max : scaled.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
