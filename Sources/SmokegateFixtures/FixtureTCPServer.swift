import NIOCore
import NIOSSL

/// A loopback TCP listener that greets and answers line by line (for TCP send/expect checks).
///
/// Lines may end in `\n` or `\r\n`; the greeting and replies are sent with `\r\n` unless they
/// already end in a newline.
public final class FixtureTCPServer: Sendable {
    private let listener: LoopbackListener

    /// The ephemeral port the server listens on, on 127.0.0.1.
    public var port: Int { listener.port }

    private init(listener: LoopbackListener) {
        self.listener = listener
    }

    /// Starts the listener; each connection gets `greeting` first, then `reply(line)` per line (nil: no reply).
    public static func start(
        greeting: String?,
        reply: @escaping @Sendable (String) -> String?
    ) async throws -> FixtureTCPServer {
        try await start(greeting: greeting, tls: nil, reply: reply)
    }

    /// Starts the listener, speaking TLS first when `tls` is given.
    static func start(
        greeting: String?,
        tls: NIOSSLContext?,
        reply: @escaping @Sendable (String) -> String?
    ) async throws -> FixtureTCPServer {
        let listener = try await LoopbackListener.bind(backlog: 256, tls: tls) { channel, _ in
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder()))
            try channel.pipeline.syncOperations.addHandler(FixtureTCPLineHandler(greeting: greeting, reply: reply))
        }
        return FixtureTCPServer(listener: listener)
    }

    /// Closes the listener and every open connection; later calls do nothing.
    public func shutdown() async throws {
        try await listener.shutdown()
    }

    deinit {
        // A forgotten shutdown must not leave a port bound for the rest of the process.
        listener.closeWithoutWaiting()
    }
}
