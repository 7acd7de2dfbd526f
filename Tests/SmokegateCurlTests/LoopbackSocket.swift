#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A raw TCP socket on 127.0.0.1 for tests that need no HTTP server: a port nobody listens on,
/// or a listener that never accepts (the kernel completes the handshake, nobody ever answers).
final class LoopbackSocket {
    let descriptor: Int32
    let port: Int

    /// Binds 127.0.0.1 on an ephemeral port; `listening` also starts listening without ever accepting.
    init(listening: Bool) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketFailure(call: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, !listening || listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw SocketFailure(call: "bind/listen")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            close(descriptor)
            throw SocketFailure(call: "getsockname")
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// A port that was just bound and released: connecting to it is refused.
    static func closedPort() throws -> Int {
        let socket = try LoopbackSocket(listening: false)
        return socket.port
    }

    /// Whether a client connection waits in the listen queue, i.e. a transfer got as far as connecting.
    var hasPendingConnection: Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 1
    }

    deinit {
        close(descriptor)
    }
}

struct SocketFailure: Error {
    var call: String
}
