import NIOCore
import NIOPosix

/// A TCP check: connect (optionally with TLS), send, and read until the reply satisfies an expectation.
public enum TCPProbe {
    /// Connects, optionally handshakes, sends and reads; throws `ProbeFailure` (never another error, except CancellationError).
    ///
    /// Every phase is bounded by the request's timeouts and the connection is always closed. Cancelling the
    /// calling task closes it at once and throws `CancellationError`.
    public static func run(_ request: TCPProbeRequest) async throws -> TCPProbeResult {
        let request = unbracketed(request)
        try validate(request)
        try Task.checkCancellation()
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let promise = eventLoop.makePromise(of: TCPProbeResult.self)
        let session = eventLoop.submit {
            let session = TCPProbeSession(request: request, eventLoop: eventLoop, promise: promise)
            session.start()
            return NIOLoopBound(session, eventLoop: eventLoop)
        }
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            // Runs on the loop after start (submit and whenSuccess keep order), so a probe cancelled
            // before it began still ends at once.
            session.whenSuccess { $0.value.cancel() }
        }
    }

    /// `[::1]` is how addresses are written next to a port; the resolver wants the bare address.
    private static func unbracketed(_ request: TCPProbeRequest) -> TCPProbeRequest {
        guard request.host.hasPrefix("["), request.host.hasSuffix("]") else { return request }
        var request = request
        request.host = String(request.host.dropFirst().dropLast())
        return request
    }

    private static func validate(_ request: TCPProbeRequest) throws(ProbeFailure) {
        func invalid(_ message: String) -> ProbeFailure { ProbeFailure(.invalidRequest, message) }
        let host = request.host
        if host.isEmpty || host.contains(where: { $0.isWhitespace || $0 == "\0" || $0 == "/" }) {
            throw invalid("\"\(host)\" is not a host name or IP address.")
        }
        if !(1...65_535).contains(request.port) {
            throw invalid("Port \(request.port) of \(host) is not between 1 and 65535.")
        }
        for (name, value) in [("connect", request.connectTimeout), ("read", request.readTimeout), ("total", request.totalTimeout)]
        where value <= .zero {
            throw invalid("The \(name) timeout must be positive, not \(value).")
        }
        if request.maxReceive < 1 {
            throw invalid("At least one received byte must be kept, not \(request.maxReceive).")
        }
        if let name = request.tls?.serverName, name.isEmpty || name.contains(where: { $0.isWhitespace || $0 == "\0" }) {
            throw invalid("\"\(name)\" is not a TLS server name.")
        }
    }
}
