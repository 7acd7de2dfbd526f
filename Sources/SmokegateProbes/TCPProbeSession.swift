import SmokegateVocabulary
import NIOCore
import NIOSSL

/// One run of a TCP probe, start to verdict: connect, send, read until the expectation holds, close.
///
/// Confined to its event loop, where every socket event, timer and cancellation lands in turn, so there is no
/// lock and exactly one of them decides the outcome; whatever comes later is ignored.
final class TCPProbeSession {
    private let request: TCPProbeRequest
    private let eventLoop: any EventLoop
    private let promise: EventLoopPromise<TCPProbeResult>
    private let connector: TCPConnector

    /// The probe handler of each candidate channel, to find the winner's.
    private var handlers: [(channel: any Channel, handler: TCPProbeHandler)] = []
    private var connection: TCPConnector.Connection?
    /// For a failure's elapsed time only: figures of a success come from the connection's own stamps.
    private var startedAt = NIODeadline.now()
    /// Replies are timed from here: the send, or being connected when nothing is sent.
    private var replyStartedAt: NIODeadline?
    private var received: [UInt8] = []
    private var readTimer: Scheduled<Void>?
    private var totalTimer: Scheduled<Void>?
    private var isFinished = false

    init(request: TCPProbeRequest, eventLoop: any EventLoop, promise: EventLoopPromise<TCPProbeResult>) {
        self.request = request
        self.eventLoop = eventLoop
        self.promise = promise
        self.connector = TCPConnector(
            host: request.host,
            port: request.port,
            tls: request.tls,
            connectTimeout: min(request.connectTimeout, request.totalTimeout),
            handshakeTimeout: min(request.readTimeout, request.totalTimeout),
            eventLoop: eventLoop
        )
    }

    private var target: String { connector.target }

    func start() {
        startedAt = .now()
        totalTimer = eventLoop.assumeIsolated().scheduleTask(in: TCPText.timeAmount(request.totalTimeout)) {
            self.totalTimedOut()
        }
        connector.start { channel in
            let handler = TCPProbeHandler()
            try channel.pipeline.syncOperations.addHandler(handler)
            self.handlers.append((channel, handler))
        }
        .assumeIsolated()
        .whenComplete { result in
            switch result {
            case .success(let connection): self.connected(connection)
            case .failure(let error): self.finish(.failure(error))
            }
        }
    }

    /// Ends the probe now with `CancellationError`, closing the connection.
    func cancel() {
        finish(.failure(CancellationError()))
    }

    // MARK: Phases

    private func connected(_ connection: TCPConnector.Connection) {
        guard !isFinished else { return }
        self.connection = connection
        // Still in the event loop tick that saw the connection ready: nothing else ran in between.
        replyStartedAt = .now()
        if let bytes = request.send {
            connection.channel.writeAndFlush(ByteBuffer(bytes: bytes)).assumeIsolated().whenFailure { error in
                self.failed(error)
            }
        }
        guard request.send != nil || request.expect != nil else {
            succeed(replyAt: nil)
            return
        }
        readTimer = eventLoop.assumeIsolated().scheduleTask(in: TCPText.timeAmount(request.readTimeout)) {
            self.readTimedOut()
        }
        handlers.first { $0.channel === connection.channel }?.handler.attach { event in self.handle(event) }
        handlers.removeAll()
    }

    private func handle(_ event: TCPProbeHandler.Event) {
        guard !isFinished else { return }
        switch event {
        case .data(let bytes, let at):
            keep(bytes)
            judge(arrivedAt: at)
        case .closed:
            closedByPeer()
        case .error(NIOSSLError.uncleanShutdown):
            // The server closed the socket without TLS's close_notify: for a probe, simply a close.
            closedByPeer()
        case .error(let error):
            failed(error)
        }
    }

    private func closedByPeer() {
        finish(.failure(ProbeFailure(
            .closed,
            "\(target) closed the connection before \(awaited); \(TCPText.receivedSummary(received))."
        )))
    }

    private func keep(_ bytes: [UInt8]) {
        let room = request.maxReceive - received.count
        if room > 0 { received += bytes.prefix(room) }
    }

    private func judge(arrivedAt: NIODeadline) {
        guard let replyStartedAt else { return }
        guard let expect = request.expect else {
            // Only a byte sent after ours counts as an answer, not a banner that was already there.
            if arrivedAt >= replyStartedAt, !received.isEmpty { succeed(replyAt: arrivedAt) }
            return
        }
        if expect(String(decoding: received, as: UTF8.self)) {
            succeed(replyAt: arrivedAt)
        } else if received.count >= request.maxReceive {
            finish(.failure(ProbeFailure(
                .protocol,
                "\(target) sent \(request.maxReceive) bytes (the most kept) without the expected reply; "
                    + "\(TCPText.receivedSummary(received))."
            )))
        }
    }

    /// What the probe was waiting for, for messages.
    private var awaited: String {
        if request.expect != nil { return "the expected reply" }
        return request.send != nil ? "replying" : "the probe ended"
    }

    // MARK: Failures

    private func failed(_ error: any Error) {
        guard !isFinished else { return }
        let failure: ProbeFailure
        if let error = error as? IOError {
            failure = TCPConnectFailureClassifier.socketError(error, target: target, connecting: false)
        } else {
            failure = ProbeFailure(.closed, "The connection to \(target) broke: \(error); \(TCPText.receivedSummary(received)).")
        }
        finish(.failure(failure))
    }

    private func readTimedOut() {
        let after = request.send != nil ? "after sending" : "after connecting"
        finish(.failure(ProbeFailure(
            .readTimeout,
            "\(target) did not send \(request.expect != nil ? "the expected reply" : "anything") within "
                + "\(TCPText.duration(request.readTimeout)) \(after); \(TCPText.receivedSummary(received))."
        )))
    }

    private func totalTimedOut() {
        let limit = TCPText.duration(request.totalTimeout)
        let failure: ProbeFailure
        if connection != nil {
            failure = ProbeFailure(
                .timeout,
                "The probe of \(target) ran past its total timeout of \(limit); \(TCPText.receivedSummary(received))."
            )
        } else if connector.isHandshaking {
            failure = ProbeFailure(.tlsHandshake, "The TLS handshake with \(target) did not complete within the total timeout of \(limit).")
        } else {
            failure = ProbeFailure(.connectTimeout, "\(target) did not accept a connection within the total timeout of \(limit).")
        }
        finish(.failure(failure))
    }

    // MARK: Outcome

    private func succeed(replyAt: NIODeadline?) {
        guard let connection else { return }
        let reply = replyAt.map { TCPText.microseconds(from: replyStartedAt ?? $0, to: $0) }
        // The sum of what was measured, not the wall time since start: that also holds the waits for the event loop
        // (before the connect, between phases), which are smokegate's queue, not the server's time.
        let total = (connection.dnsMicroseconds ?? 0) + connection.connectMicroseconds + (connection.tlsMicroseconds ?? 0) + (reply ?? 0)
        finish(.success(TCPProbeResult(
            dnsMicroseconds: connection.dnsMicroseconds,
            connectMicroseconds: connection.connectMicroseconds,
            tlsMicroseconds: connection.tlsMicroseconds,
            replyMicroseconds: reply,
            totalMicroseconds: total,
            received: received,
            peer: connection.peer,
            certificate: connection.certificate
        )))
    }

    /// Decides once: stops the timers, closes every channel and completes the promise with a `ProbeFailure`,
    /// `CancellationError` or the result.
    private func finish(_ result: Result<TCPProbeResult, any Error>) {
        guard !isFinished else { return }
        isFinished = true
        readTimer?.cancel()
        totalTimer?.cancel()
        handlers.removeAll()
        connector.close()
        switch result {
        case .success(let value):
            promise.succeed(value)
        case .failure(let error as CancellationError):
            promise.fail(error)
        case .failure(var failure as ProbeFailure):
            failure.elapsedMicroseconds = failure.elapsedMicroseconds ?? TCPText.microseconds(from: startedAt, to: .now())
            promise.fail(failure)
        case .failure(let error):
            promise.fail(ProbeFailure(
                .internal,
                "Probing \(target) failed unexpectedly: \(error).",
                elapsedMicroseconds: TCPText.microseconds(from: startedAt, to: .now())
            ))
        }
    }
}
