import Foundation
import NIOCore
import NIOPosix
@testable import SmokegateProbes
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension RunsAlone {
    /// A probe reports the server's time, not smokegate's queue: each test makes the event loop or the cooperative pool
    /// busy on purpose, for a known span, at the moment it would count, and checks that the figures leave it out.
    ///
    /// Deterministic: the span is forced, not hoped for. Run alone (scripts/run-tests), since the blocks stall every
    /// other probe in the process for their duration.
    @Suite(.serialized) struct ProbeTimingTests {
        /// How long the loop or the pool is held; every figure must stay far below it.
        static let block = Duration.milliseconds(400)
        static let blockMicroseconds: Int64 = 400_000
        /// Generous against a loaded machine, and still well short of the block.
        static let bound: Int64 = 200_000

        @Test func tcpConnectLeavesOutAnEventLoopBusyRightAfterTheConnectCall() async throws {
            let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
            let port = try #require(server.localAddress?.port)
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let loop = group.next()
            let promise = loop.makePromise(of: TCPProbeResult.self)
            let request = TCPProbeRequest(host: "127.0.0.1", port: port)
            let clock = ContinuousClock()
            let started = clock.now
            try await loop.submit {
                TCPProbeSession(request: request, eventLoop: loop, promise: promise).start()
                // In the same tick: the loop is busy (as with other probes' work) while the handshake completes.
                Self.hold(Self.block)
            }.get()
            let result = try await promise.futureResult.get()
            let elapsed = clock.now - started
            #expect(elapsed >= Self.block, "the loop was held for the block, so the probe cannot have ended earlier")
            #expect(result.connectMicroseconds < Self.bound, "connect \(result.connectMicroseconds) µs includes the held loop")
            #expect(result.totalMicroseconds < Self.bound, "latency \(result.totalMicroseconds) µs includes the held loop")
            try await server.close()
            try await group.shutdownGracefully()
        }

        @Test func redisFiguresLeaveOutEventLoopsBusyBeforeTheProbeStarts() async throws {
            guard let redis = TestServices.redis() else { return }
            let request = RedisProbeRequest(host: redis.host, port: redis.port, password: redis.password)
            await Self.holdEveryEventLoop(for: Self.block)
            let result = try await RedisProbe.run(request)
            #expect(result.connectMicroseconds < Self.bound, "connect \(result.connectMicroseconds) µs includes the held loops")
            #expect(result.totalMicroseconds < Self.bound, "latency \(result.totalMicroseconds) µs includes the held loops")
        }

        @Test func postgresFiguresLeaveOutEventLoopsBusyBeforeTheProbeStarts() async throws {
            guard let postgres = TestServices.postgres() else { return }
            let request = PostgresProbeRequest(host: postgres.host, port: postgres.port, database: postgres.database,
                                               user: postgres.user, password: postgres.password, tls: .disable)
            await Self.holdEveryEventLoop(for: Self.block)
            let result = try await PostgresProbe.run(request)
            #expect(result.connectMicroseconds < Self.bound, "connect \(result.connectMicroseconds) µs includes the held loops")
            #expect(result.totalMicroseconds < Self.bound, "latency \(result.totalMicroseconds) µs includes the held loops")
        }

        /// The reply arrives while every thread of the cooperative pool is held: the probe's task cannot resume until
        /// the pool is free, and that wait must not be counted as the command's time.
        @Test func redisCommandLeavesOutACooperativePoolBusyWhenTheReplyArrives() async throws {
            guard let redis = TestServices.redis() else { return }
            let key = "smokegate:timing:\(UInt64.random(in: 0...UInt64.max))"
            let request = RedisProbeRequest(host: redis.host, port: redis.port, password: redis.password,
                                            command: ["BLPOP", key, "10"])
            let clock = ContinuousClock()
            let started = clock.now
            let probe = Task { try await RedisProbe.run(request) }
            // The probe's command has reached the server when it blocks there (polled, not guessed).
            while try await Self.blockedClients(redis) < 1 {
                try await Task.sleep(for: .milliseconds(5))
            }
            // Every pool thread held; the first, once all are, releases the reply with an LPUSH from its own socket.
            let hold = PoolHold()
            let width = ProcessInfo.processInfo.activeProcessorCount
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<width {
                    group.addTask {
                        hold.holding.add(1, ordering: .sequentiallyConsistent)
                        while hold.holding.load(ordering: .sequentiallyConsistent) < width {}
                        if index == 0 {
                            Self.push(key, to: redis)
                            hold.pushedAt.withLock { $0 = clock.now }
                        }
                        Self.hold(Self.block)
                    }
                }
            }
            let result = try await probe.value
            let beforePush = try #require(hold.pushedAt.withLock { $0 }) - started
            // The command waited for the push (which came after the poll above) but not for the held pool after it.
            let limit = RedisPostgresConnector.microseconds(beforePush) + Self.bound
            #expect(result.commandMicroseconds < limit, "command \(result.commandMicroseconds) µs includes the held pool (limit \(limit) µs)")
            #expect(result.totalMicroseconds < limit + Self.bound)
            #expect(result.reply.text.contains(key))
        }

        // MARK: Helpers

        /// Keeps the calling thread busy for `duration` (a loop thread or a pool thread: that is the point).
        private static func hold(_ duration: Duration) {
            let until = ContinuousClock.now + duration
            while ContinuousClock.now < until {
                usleep(1_000)
            }
        }

        /// Returns once every loop of the shared group has started holding its thread for `duration`.
        private static func holdEveryEventLoop(for duration: Duration) async {
            let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
            await withTaskGroup(of: Void.self) { group in
                for loop in loops {
                    group.addTask {
                        await withCheckedContinuation { (started: CheckedContinuation<Void, Never>) in
                            loop.execute {
                                started.resume()
                                hold(duration)
                            }
                        }
                    }
                }
            }
        }

        private static func blockedClients(_ redis: TestServices.Redis) async throws -> Int {
            let info = try await RedisProbe.run(RedisProbeRequest(host: redis.host, port: redis.port, password: redis.password,
                                                                  command: ["INFO", "clients"])).reply.text
            let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("blocked_clients:") }
            return line.flatMap { Int($0.dropFirst("blocked_clients:".count)) } ?? 0
        }

        /// `LPUSH key x` over a plain blocking socket: works while the cooperative pool is held.
        private static func push(_ key: String, to redis: TestServices.Redis) {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(redis.port).bigEndian)
            inet_pton(AF_INET, redis.host, &address.sin_addr)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { return }
            let commands = RESPCommand.encode(["AUTH", redis.password]) + RESPCommand.encode(["LPUSH", key, "x"])
            _ = commands.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            // Both replies (+OK, :1) before returning, so the push has happened.
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 256)
            while received.filter({ $0 == 0x0A }).count < 2 {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return }
                received += buffer.prefix(count)
            }
        }
    }
}

/// What the threads holding the cooperative pool share.
private final class PoolHold: Sendable {
    /// How many pool threads are holding so far.
    let holding = Atomic<Int>(0)
    /// When the reply was released.
    let pushedAt = Mutex<ContinuousClock.Instant?>(nil)
}
