import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves one host name with `getaddrinfo` on NIO's blocking thread pool and times the lookup itself.
///
/// NIO's own resolver runs every lookup of an event loop on one serial queue, so under load a probe waited for
/// the lookups of all the probes before it, and that wait was reported as its connect time. Here lookups run side by
/// side, and the time recorded on the `ChannelClock` is taken inside the worker thread, around the call.
/// One lookup answers both of happy eyeballs' queries (AAAA first, as NIO does).
final class TimedResolver: Resolver, Sendable {
    private let clock: ChannelClock
    private let eventLoop: any EventLoop
    private let v4: EventLoopPromise<[SocketAddress]>
    private let v6: EventLoopPromise<[SocketAddress]>
    private let started = Mutex(false)

    init(eventLoop: any EventLoop, clock: ChannelClock) {
        self.clock = clock
        self.eventLoop = eventLoop
        self.v4 = eventLoop.makePromise()
        self.v6 = eventLoop.makePromise()
    }

    func initiateAQuery(host: String, port: Int) -> EventLoopFuture<[SocketAddress]> {
        lookUp(host: host, port: port)
        return v4.futureResult
    }

    func initiateAAAAQuery(host: String, port: Int) -> EventLoopFuture<[SocketAddress]> {
        lookUp(host: host, port: port)
        return v6.futureResult
    }

    /// A running `getaddrinfo` cannot be stopped; its answer is simply no longer used.
    func cancelQueries() {}

    private func lookUp(host: String, port: Int) {
        let first = started.withLock { started in
            defer { started = true }
            return !started
        }
        guard first else { return }
        let clock = clock
        NIOThreadPool.singleton.runIfActive(eventLoop: eventLoop) {
            let start = NIODeadline.now()
            defer { clock.dnsMicroseconds.withLock { $0 = TCPText.microseconds(from: start, to: .now()) } }
            return try Self.resolve(host: host, port: port)
        }
        .whenComplete { [v4, v6] result in
            switch result {
            case .success(let addresses):
                v6.succeed(addresses.v6)
                v4.succeed(addresses.v4)
            case .failure(let error):
                v6.fail(error)
                v4.fail(error)
            }
        }
    }

    /// The addresses of `host`, IPv4 and IPv6 apart; throws a `dns` `ProbeFailure`.
    private static func resolve(host: String, port: Int) throws -> (v4: [SocketAddress], v6: [SocketAddress]) {
        var hints = addrinfo()
        #if os(Linux)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_protocol = Int32(IPPROTO_TCP)
        var info: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &info)
        guard status == 0 else {
            throw ProbeFailure(.dns, "\(host) does not resolve: \(String(cString: gai_strerror(status))).")
        }
        defer { freeaddrinfo(info) }
        var v4: [SocketAddress] = []
        var v6: [SocketAddress] = []
        var entry = info
        while let current = entry {
            if let address = current.pointee.ai_addr {
                switch current.pointee.ai_family {
                case AF_INET:
                    v4.append(address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { SocketAddress($0.pointee, host: host) })
                case AF_INET6:
                    v6.append(address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { SocketAddress($0.pointee, host: host) })
                default:
                    break
                }
            }
            entry = current.pointee.ai_next
        }
        return (v4, v6)
    }
}
