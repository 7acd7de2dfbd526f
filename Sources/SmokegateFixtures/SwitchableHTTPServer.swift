import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A versioned service on 127.0.0.1 that can be taken down and brought back on the same port, for `smokegate watch`.
///
/// Tests drive it through downtime windows (refused connections, 503s, hung requests) and version cutovers,
/// then compare what a watcher saw with what really happened. Mode changes are serialised and each returns
/// only once it is in effect, so the instants a test takes around them bound the real outage.
public final class SwitchableHTTPServer: Sendable {
    /// What the server does right now.
    public enum Mode: Sendable, Equatable {
        /// Answers every request with 200, `X-Version` and `{"status":"ok","version":"..."}`.
        case serving
        /// Nothing listens on the port, so connecting is refused; connections open before were closed.
        case refusing
        /// Answers 503 `{"status":"unavailable"}` without `X-Version`, like a load balancer with no backend.
        case failing
        /// Never answers requests arriving now; they stay hung after the mode changes, until their connection goes.
        case hanging
    }

    private struct State {
        var version: String
        /// The mode in effect, as reported; lags `answering` while a rebind is under way.
        var mode: Mode = .refusing
        /// What a request arriving now gets. Set before a rebind, so the very first connection is answered right.
        var answering: Mode = .serving
        var port = 0
        var listener: LoopbackListener?
        var requestCount = 0
        var isShutDown = false
        /// Held by one mode change at a time; the others queue in `waiting` and get it in arrival order.
        var isSwitching = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    /// How often a rebind tries while the kernel still counts the port as taken, and how long it waits between tries.
    private static let bindAttempts = 10
    private static let bindRetryDelay = TimeAmount.milliseconds(50)

    private let state: Mutex<State>

    /// The port the server listens on; it stays the same when the server comes back from `.refusing`.
    public var port: Int { state.withLock { $0.port } }

    /// The server's root URL, `http://127.0.0.1:PORT`, without a trailing slash.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The version the next served request reports.
    public var version: String { state.withLock { $0.version } }

    /// The mode in effect; while a change is under way, still the old one.
    public var mode: Mode { state.withLock { $0.mode } }

    /// How many complete requests have reached the server, whatever they got, across rebinds.
    var requestCount: Int { state.withLock { $0.requestCount } }

    private init(version: String) {
        state = Mutex(State(version: version))
    }

    /// Starts a server on 127.0.0.1 and an ephemeral port, serving `version`.
    public static func start(version: String) async throws -> SwitchableHTTPServer {
        let server = SwitchableHTTPServer(version: version)
        let listener = try await server.bind(port: 0)
        server.state.withLock { state in
            state.port = listener.port
            state.listener = listener
            state.mode = .serving
        }
        return server
    }

    /// Makes later requests report `version`; a request already answered keeps the one it got.
    ///
    /// It goes out verbatim in the `X-Version` header and escaped in the JSON body.
    public func setVersion(_ version: String) {
        state.withLock { $0.version = version }
    }

    /// Switches to `mode` and returns once it is in effect: for `.refusing` once the listener and every
    /// connection are closed, back from it once the port is bound again.
    ///
    /// Throws `ChannelError.ioOnClosedChannel` after `shutdown`, or the bind error when the port stays taken.
    public func setMode(_ mode: Mode) async throws {
        try await exclusively { _ = try await switchTo(mode) }
    }

    /// Switches to `mode` for `duration`, then back to `.serving`; returns the instants the outage really started
    /// (after the mode took effect) and ended (right before serving resumed), on ContinuousClock.
    ///
    /// The server was down for the whole of the returned window, so `end - start >= duration`; it may have been
    /// down a little longer on either side. Other mode changes wait until the outage is over. Cancelled, it
    /// still brings the server back before throwing `CancellationError`.
    public func outage(
        _ mode: Mode,
        for duration: Duration
    ) async throws -> (start: ContinuousClock.Instant, end: ContinuousClock.Instant) {
        try await exclusively {
            let clock = ContinuousClock()
            _ = try await switchTo(mode)
            let start = clock.now
            var interruption: (any Error)?
            do {
                try await Task.sleep(until: start + duration, clock: clock)
            } catch {
                interruption = error
            }
            let end = try await switchTo(.serving)
            if let interruption { throw interruption }
            return (start, end)
        }
    }

    /// Closes the listener and every open connection, hung ones included; later calls do nothing.
    ///
    /// A mode change under way (an outage included) finishes first; queued and later ones throw.
    public func shutdown() async throws {
        let isFirst = state.withLock { state in
            defer { state.isShutDown = true }
            return !state.isShutDown
        }
        guard isFirst else { return }
        try await exclusively {
            let listener = state.withLock { state in
                state.mode = .refusing
                return state.listener.take()
            }
            try await listener?.shutdown()
        }
    }

    deinit {
        // A forgotten shutdown must not leave a port bound for the rest of the process.
        state.withLock { $0.listener }?.closeWithoutWaiting()
    }

    /// Puts `mode` into effect, holding the switch; returns the last instant before it took effect.
    private func switchTo(_ mode: Mode) async throws -> ContinuousClock.Instant {
        let (listener, port) = try state.withLock { state in
            guard !state.isShutDown else { throw ChannelError.ioOnClosedChannel }
            return (state.listener, state.port)
        }
        switch (mode, listener) {
        case (.refusing, let listener?):
            let before = ContinuousClock.now
            // Whatever happens to the close, the old listener must not be used again.
            defer {
                state.withLock { state in
                    state.listener = nil
                    state.mode = .refusing
                }
            }
            try await listener.shutdown()
            return before
        case (.refusing, nil):
            return .now
        case (_, nil):
            state.withLock { $0.answering = mode }
            let (listener, before) = try await rebind(port: port)
            state.withLock { state in
                state.listener = listener
                state.mode = mode
            }
            return before
        case (_, .some):
            return state.withLock { state in
                let before = ContinuousClock.now
                state.answering = mode
                state.mode = mode
                return before
            }
        }
    }

    /// Binds `port` again, retrying briefly while the kernel still counts it as taken; returns the listener
    /// and the instant right before the bind that worked.
    private func rebind(port: Int) async throws -> (LoopbackListener, ContinuousClock.Instant) {
        var attempt = 1
        while true {
            let before = ContinuousClock.now
            do {
                return (try await bind(port: port), before)
            } catch let error as IOError where error.errnoCode == EADDRINUSE && attempt < Self.bindAttempts {
                attempt += 1
                // An event-loop timer rather than Task.sleep: a cancelled outage must still get its port back.
                try await MultiThreadedEventLoopGroup.singleton.next()
                    .scheduleTask(in: Self.bindRetryDelay) {}
                    .futureResult.get()
            }
        }
    }

    private func bind(port: Int) async throws -> LoopbackListener {
        // Weak, so the listener's pipeline does not keep the server alive and deinit can still close it.
        let script = FixtureScript.immediate { [weak self] _ in
            self?.behavior() ?? .closeImmediately
        }
        return try await LoopbackListener.bind(port: port) { channel, registry in
            try channel.pipeline.syncOperations.addHandler(
                ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes))
            )
            try channel.pipeline.syncOperations.addHandler(FixtureHTTPHandler(script: script, registry: registry))
        }
    }

    /// What a request arriving now gets.
    private func behavior() -> FixtureBehavior {
        let (mode, version) = state.withLock { state in
            state.requestCount += 1
            return (state.answering, state.version)
        }
        switch mode {
        case .serving:
            return .respond(
                FixtureResponse(
                    headers: [(name: "X-Version", value: version), (name: "Content-Type", value: "application/json")],
                    body: Array("{\"status\":\"ok\",\"version\":\"\(Self.jsonEscaped(version))\"}".utf8)
                )
            )
        case .failing:
            return .respond(.json("{\"status\":\"unavailable\"}", status: 503))
        case .hanging:
            return .hang
        case .refusing:
            // Never answering: a request slipping in while the listener closes loses its connection anyway.
            return .closeImmediately
        }
    }

    /// `s` as the inside of a JSON string, so an odd version cannot break the body.
    private static func jsonEscaped(_ s: String) -> String {
        var escaped = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\u{0}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Runs `body` holding the switch, so mode changes never interleave (two rebinds would race for the port).
    private func exclusively<T>(_ body: () async throws -> T) async throws -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isFree = state.withLock { state in
                guard state.isSwitching else {
                    state.isSwitching = true
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if isFree { continuation.resume() }
        }
        defer {
            // Handed straight to the next in line, so nobody can slip in between.
            let next = state.withLock { state in
                if state.waiting.isEmpty { state.isSwitching = false }
                return state.waiting.isEmpty ? nil : state.waiting.removeFirst()
            }
            next?.resume()
        }
        return try await body()
    }
}
