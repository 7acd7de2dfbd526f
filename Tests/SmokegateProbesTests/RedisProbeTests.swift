import SmokegateFixtures
@testable import SmokegateProbes
import Testing

extension RunsAlone {
    /// Against the real Redis `scripts/with-test-services` starts, plus loopback fixtures for broken servers.
    @Suite struct RedisProbeTests {
        private func request(_ redis: TestServices.Redis, password: String? = nil, command: [String] = ["PING"]) -> RedisProbeRequest {
            RedisProbeRequest(host: redis.host, port: redis.port, password: password ?? redis.password, command: command)
        }

        /// The probe's failure, or nil (recorded as an issue) when it unexpectedly succeeded.
        private func probeFailure(of request: RedisProbeRequest, sourceLocation: SourceLocation = #_sourceLocation) async -> ProbeFailure? {
            do {
                let result = try await RedisProbe.run(request)
                Issue.record("expected a failure, got \(result.reply)", sourceLocation: sourceLocation)
            } catch let failure as ProbeFailure {
                return failure
            } catch {
                Issue.record("expected a ProbeFailure, got \(error)", sourceLocation: sourceLocation)
            }
            return nil
        }

        @Test func pingWithPasswordAnswersPong() async throws {
            guard let redis = TestServices.redis() else { return }
            let result = try await RedisProbe.run(request(redis))
            #expect(result.reply == .simpleString("PONG"))
            #expect(result.reply.text == "PONG")
            #expect(result.connectMicroseconds > 0)
            #expect(result.commandMicroseconds > 0)
            #expect(result.totalMicroseconds >= result.connectMicroseconds + result.commandMicroseconds)
            #expect(result.peer == "127.0.0.1:\(redis.port)")
        }

        @Test func aclUserAuthenticatesWithUsernameAndPassword() async throws {
            guard let redis = TestServices.redis() else { return }
            var request = request(redis, password: redis.aclPassword, command: ["ACL", "WHOAMI"])
            request.username = redis.aclUser
            let result = try await RedisProbe.run(request)
            #expect(result.reply.text == redis.aclUser)
        }

        @Test func infoReplicationSaysMaster() async throws {
            guard let redis = TestServices.redis() else { return }
            let result = try await RedisProbe.run(request(redis, command: ["INFO", "replication"]))
            guard case .bulkString(let bytes?) = result.reply else {
                Issue.record("INFO should answer a bulk string, got \(result.reply)")
                return
            }
            #expect(!bytes.isEmpty)
            #expect(result.reply.text.contains("role:master"))
        }

        @Test func repliesKeepTheirTypes() async throws {
            guard let redis = TestServices.redis() else { return }
            let key = "smokegate:test:\(UInt64.random(in: 0...UInt64.max))"
            #expect(try await RedisProbe.run(request(redis, command: ["RPUSH", key, "a", "b c", ""])).reply == .integer(3))
            let list = try await RedisProbe.run(request(redis, command: ["LRANGE", key, "0", "-1"])).reply
            #expect(list == .array([.bulkString(Array("a".utf8)), .bulkString(Array("b c".utf8)), .bulkString([])]))
            #expect(list.text == "a\nb c\n")
            #expect(try await RedisProbe.run(request(redis, command: ["GET", key + ":missing"])).reply == .bulkString(nil))
            #expect(try await RedisProbe.run(request(redis, command: ["DEL", key])).reply == .integer(1))
        }

        @Test func withoutAuthTheServerSaysNoAuth() async throws {
            guard let redis = TestServices.redis() else { return }
            var request = request(redis)
            request.password = nil
            let failure = try #require(await probeFailure(of: request))
            #expect(failure.reason == .authentication)
            #expect(failure.message.contains("NOAUTH"), "\(failure.message)")
            #expect(failure.elapsedMicroseconds != nil)
        }

        @Test func wrongPasswordIsRefusedWithoutRevealingIt() async throws {
            guard let redis = TestServices.redis() else { return }
            let wrong = "not-the-password-\(UInt32.random(in: 0...UInt32.max))"
            let failure = try #require(await probeFailure(of: request(redis, password: wrong)))
            #expect(failure.reason == .authentication)
            #expect(failure.message.contains("WRONGPASS"), "\(failure.message)")
            #expect(!failure.message.contains(wrong))
            #expect(!failure.description.contains(wrong))
        }

        @Test func wrongAclPasswordIsRefused() async throws {
            guard let redis = TestServices.redis() else { return }
            var request = request(redis, password: redis.password)
            request.username = redis.aclUser
            let failure = try #require(await probeFailure(of: request))
            #expect(failure.reason == .authentication)
            #expect(!failure.message.contains(redis.password))
        }

        @Test func passwordEchoedInAnErrorIsScrubbed() async throws {
            guard let redis = TestServices.redis() else { return }
            // Redis quotes the first arguments of an unknown command back; the probe must not pass that on.
            let failure = try #require(await probeFailure(of: request(redis, command: ["NOSUCHCOMMAND", redis.password])))
            #expect(failure.reason == .redisError)
            #expect(failure.message.contains("unknown command"), "\(failure.message)")
            #expect(!failure.message.contains(redis.password))
        }

        @Test func unknownCommandIsARedisError() async throws {
            guard let redis = TestServices.redis() else { return }
            let failure = try #require(await probeFailure(of: request(redis, command: ["FROBNICATE", "x"])))
            #expect(failure.reason == .redisError)
            #expect(failure.message.contains("FROBNICATE"))
            #expect(failure.message.contains("ERR unknown command"), "\(failure.message)")
        }

        @Test func closedPortIsConnectionRefused() async throws {
            let port = try await TestServices.closedPort()
            let failure = try #require(await probeFailure(of: RedisProbeRequest(host: "127.0.0.1", port: port)))
            #expect(failure.reason == .connectionRefused)
            #expect(failure.message.contains("127.0.0.1:\(port)"))
        }

        @Test func unresolvableHostIsDNS() async throws {
            let failure = try #require(await probeFailure(of: RedisProbeRequest(host: "no-such-host.invalid", port: 6379)))
            #expect(failure.reason == .dns, "\(failure)")
        }

        @Test func silentServerRunsIntoTheTimeout() async throws {
            let server = try await FixtureTCPServer.start(greeting: nil) { _ in nil }
            let started = ContinuousClock.now
            let failure = try #require(await probeFailure(of: RedisProbeRequest(
                host: "127.0.0.1", port: server.port, timeout: .milliseconds(300)
            )))
            #expect(failure.reason == .timeout)
            #expect(ContinuousClock.now - started < .seconds(3))
            try await server.shutdown()
        }

        @Test func nonRedisServerIsAProtocolError() async throws {
            let server = try await FixtureTCPServer.start(greeting: "SSH-2.0-OpenSSH_9.2") { _ in nil }
            let failure = try #require(await probeFailure(of: RedisProbeRequest(host: "127.0.0.1", port: server.port)))
            #expect(failure.reason == .protocol)
            #expect(failure.message.contains("'S'"), "\(failure.message)")
            try await server.shutdown()
        }

        @Test func cancellationEndsTheProbePromptly() async throws {
            let server = try await FixtureTCPServer.start(greeting: nil) { _ in nil }
            let probe = Task {
                try await RedisProbe.run(RedisProbeRequest(host: "127.0.0.1", port: server.port, timeout: .seconds(60)))
            }
            try await Task.sleep(for: .milliseconds(200))
            let cancelled = ContinuousClock.now
            probe.cancel()
            await #expect(throws: CancellationError.self) { try await probe.value }
            #expect(ContinuousClock.now - cancelled < .seconds(5))
            try await server.shutdown()
        }

        @Test(arguments: [
            RedisProbeRequest(host: "", port: 6379),
            RedisProbeRequest(host: "127.0.0.1", port: 0),
            RedisProbeRequest(host: "127.0.0.1", port: 6379, command: []),
            RedisProbeRequest(host: "127.0.0.1", port: 6379, username: "probe"),
            RedisProbeRequest(host: "127.0.0.1", port: 6379, timeout: .zero),
        ])
        func invalidRequestsFailBeforeConnecting(request: RedisProbeRequest) async throws {
            let failure = try #require(await probeFailure(of: request))
            #expect(failure.reason == .invalidRequest)
        }
    }
}
