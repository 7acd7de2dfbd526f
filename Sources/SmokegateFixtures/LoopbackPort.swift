import NIOCore
import NIOPosix

/// Loopback ports for tests that need a place where nothing is.
public enum LoopbackPort {
    /// A port on 127.0.0.1 that was just bound and released: connecting to it is refused.
    public static func closed() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else {
            try await channel.close()
            throw FixtureServerError.noLocalPort
        }
        try await channel.close()
        return port
    }
}
