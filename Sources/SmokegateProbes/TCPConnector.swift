import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Opens one TCP connection, with an optional TLS handshake, and names every way that can fail as a `ProbeFailure`.
///
/// For probes that speak their own protocol over a raw socket. The caller's handlers join each pipeline before
/// the socket connects, so they see every byte (a banner included); the returned future says when the connection
/// is ready and what getting there cost. Confined to one event loop: create, start and close it there.
final class TCPConnector {
    /// A ready connection and what connecting it took.
    struct Connection {
        let channel: any Channel
        /// The name lookup itself, when the host is a name.
        let dnsMicroseconds: Int64?
        /// The TCP connect, from the connect call to the completed handshake (see `ChannelClock`).
        let connectMicroseconds: Int64
        /// The TLS handshake, from the connection becoming active to the handshake's end, when TLS.
        let tlsMicroseconds: Int64?
        /// `ip:port` actually connected to.
        let peer: String
        /// The server's leaf certificate, when TLS.
        let certificate: TLSCertificateFacts?
    }

    let host: String
    let port: Int
    let tls: TLSClientOptions?
    let connectTimeout: Duration
    let handshakeTimeout: Duration
    let eventLoop: any EventLoop
    /// `host:port` as the user wrote it, for messages.
    var target: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Pending until the connection is ready or failed; nil afterwards.
    private var promise: EventLoopPromise<Connection>?
    /// Every channel the bootstrap made (happy eyeballs may try several), so closing leaves none behind.
    private var channels: [any Channel] = []
    private var winner: (any Channel)?
    private var sslHandler: NIOSSLClientHandler?
    /// Stamps of the connection's events, taken on the event loop as they happen.
    private let clock = ChannelClock()
    private var handshakeCompletedAt: NIODeadline?
    private var handshakeTimer: Scheduled<Void>?
    private var isClosed = false

    init(host: String, port: Int, tls: TLSClientOptions?, connectTimeout: Duration, handshakeTimeout: Duration, eventLoop: any EventLoop) {
        self.host = host
        self.port = port
        self.tls = tls
        self.connectTimeout = connectTimeout
        self.handshakeTimeout = handshakeTimeout
        self.eventLoop = eventLoop
    }

    /// The name verified against the certificate: the server name if given, else the host.
    var expectedName: String { tls?.serverName ?? host }

    /// True between TCP connect and the end of the TLS handshake.
    var isHandshaking: Bool { promise != nil && winner != nil && tls != nil }

    /// Connects; `configure` adds the caller's handlers to each candidate channel, behind the connector's own.
    ///
    /// The future fails with a `ProbeFailure`, or `CancellationError` after `close()`.
    func start(configure: @escaping (any Channel) throws -> Void) -> EventLoopFuture<Connection> {
        eventLoop.preconditionInEventLoop()
        let promise = eventLoop.makePromise(of: Connection.self)
        self.promise = promise
        let context: NIOSSLContext?
        do {
            context = try tls.map { try TLSClientContexts.context(for: $0) }
        } catch {
            fail(error)
            return promise.futureResult
        }
        let connector = NIOLoopBound(self, eventLoop: eventLoop)
        let configure = NIOLoopBound(configure, eventLoop: eventLoop)
        ClientBootstrap(group: eventLoop)
            .connectTimeout(TCPText.timeAmount(connectTimeout))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try connector.value.prepare(channel, context: context, configure: configure.value)
                }
            }
            .connect(host: host, port: port, eventLoop: eventLoop, clock: clock)
            .assumeIsolated()
            .whenComplete { result in self.connectFinished(result) }
        return promise.futureResult
    }

    /// Closes every channel, the ready one included, and fails a pending connect with `CancellationError`.
    func close() {
        isClosed = true
        fail(CancellationError())
        handshakeTimer?.cancel()
        for channel in channels {
            channel.close(promise: nil)
        }
    }

    private func prepare(_ channel: any Channel, context: NIOSSLContext?, configure: (any Channel) throws -> Void) throws {
        guard !isClosed, promise != nil else { throw CancellationError() }
        channels.append(channel)
        // First, next to the socket: its stamps precede every other handler's work.
        try channel.pipeline.syncOperations.addHandler(ChannelClockHandler(clock: clock))
        var ssl: NIOSSLClientHandler?
        if let context {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: sniName)
            try channel.pipeline.syncOperations.addHandler(handler)
            ssl = handler
        }
        try channel.pipeline.syncOperations.addHandler(TCPConnectorHandler(connector: self, sslHandler: ssl))
        try configure(channel)
    }

    /// SNI carries names only; for an IP host NIOSSL verifies the certificate against the peer's address instead.
    private var sniName: String? {
        let name = expectedName
        return (try? SocketAddress(ipAddress: name, port: 0)) == nil ? name : nil
    }

    // MARK: Events from TCPConnectorHandler

    /// The first channel to connect wins; others (a slower happy-eyeballs attempt) are closed.
    func channelBecameActive(_ channel: any Channel, sslHandler: NIOSSLClientHandler?) -> Bool {
        guard promise != nil, winner == nil else {
            channel.close(promise: nil)
            return false
        }
        winner = channel
        self.sslHandler = sslHandler
        if tls == nil {
            succeed()
        } else {
            handshakeTimer = eventLoop.assumeIsolated().scheduleTask(in: TCPText.timeAmount(handshakeTimeout)) {
                self.fail(ProbeFailure(
                    .tlsHandshake,
                    "\(self.target) accepted the connection but did not complete a TLS handshake within "
                        + "\(TCPText.duration(self.handshakeTimeout))."
                ))
            }
        }
        return true
    }

    func handshakeCompleted(on channel: any Channel) {
        guard channel === winner else { return }
        handshakeCompletedAt = .now()
        succeed()
    }

    /// The handshake failed: `leaf` is what the server presented, read before NIOSSL tore the connection down.
    func handshakeFailed(on channel: any Channel, error: any Error, leaf: NIOSSLCertificate?) {
        guard channel === winner, promise != nil else { return }
        fail(TLSFailureClassifier.classify(error, leaf: leaf, expectedName: expectedName, target: target))
    }

    // MARK: Outcome

    private func connectFinished(_ result: Result<any Channel, any Error>) {
        switch result {
        case .success(let channel):
            // Closed meanwhile: the bootstrap's winner must not outlive the probe.
            if isClosed { channel.close(promise: nil) }
        case .failure(let error):
            guard promise != nil else { return }
            fail(TCPConnectFailureClassifier.classify(error, target: target, host: host, connectTimeout: connectTimeout))
        }
    }

    private func succeed() {
        guard let promise, let winner, let activeAt = clock.activeAt else { return }
        self.promise = nil
        handshakeTimer?.cancel()
        let handshake = handshakeCompletedAt.map { TCPText.microseconds(from: activeAt, to: $0) }
        promise.succeed(Connection(
            channel: winner,
            dnsMicroseconds: clock.dnsMicroseconds.withLock { $0 },
            connectMicroseconds: clock.connectMicroseconds ?? 0,
            tlsMicroseconds: handshake,
            peer: TCPText.peer(winner.remoteAddress) ?? target,
            certificate: sslHandler?.peerCertificate.map(TLSCertificateFacts.init)
        ))
    }

    private func fail(_ error: any Error) {
        guard let promise else { return }
        self.promise = nil
        handshakeTimer?.cancel()
        promise.fail(error)
        for channel in channels {
            channel.close(promise: nil)
        }
    }
}
