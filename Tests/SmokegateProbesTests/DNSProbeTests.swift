import Foundation
import NIOCore
import NIOPosix
import SmokegateFixtures
import SmokegateProbes
import Testing

extension RunsAlone {
    /// DNSProbe against a real DNS server: scripts/test-servers/dns_server.py (dnslib), one per test, on loopback.
    @Suite struct DNSProbeTests {
        /// Runs `body` with a fresh server and its UDP address; the server is stopped afterwards.
        static func withServer(
            sourceLocation: SourceLocation = #_sourceLocation,
            _ body: (ScriptedServer, DNSServerAddress) async throws -> Void
        ) async throws {
            guard let server = await TestServices.scriptedServer("dns_server.py", sourceLocation: sourceLocation) else { return }
            defer { server.stop() }
            let port = try #require(server.ready.first.flatMap { Int($0) }, "READY line without a port: \(server.ready)")
            try await body(server, DNSServerAddress(transport: .udp, host: "127.0.0.1", port: port))
        }

        static func failure(of request: DNSProbeRequest, sourceLocation: SourceLocation = #_sourceLocation) async -> ProbeFailure? {
            do {
                let result = try await DNSProbe.run(request)
                Issue.record("expected a failure, got \(result.responseCode) \(result.answers)", sourceLocation: sourceLocation)
            } catch let failure as ProbeFailure {
                return failure
            } catch {
                Issue.record("expected a ProbeFailure, got \(error)", sourceLocation: sourceLocation)
            }
            return nil
        }

        @Test func addressesOverUDPWithFlagsAndTTLs() async throws {
            try await Self.withServer { server, address in
                let result = try await DNSProbe.run(DNSProbeRequest(name: "www.test", type: .a, server: address))
                #expect(result.responseCode == .noError)
                #expect(result.isAuthoritative)
                #expect(result.answers.map(\.data) == ["192.0.2.10", "192.0.2.11"])
                #expect(result.answers.map(\.ttl) == [300, 300])
                #expect(result.question == DNSQuestion(name: "www.test.", type: .a))
                #expect(result.server == address)
                #expect(!result.retriedOverTCP)
                #expect(result.connectMicroseconds == nil)
                #expect(result.queryMicroseconds > 0 && result.queryMicroseconds <= result.totalMicroseconds)
                _ = try await server.line { $0 == "QUERY udp www.test. A" }
                #expect(!server.lines.contains { $0.hasPrefix("QUERY tcp") })
            }
        }

        @Test(arguments: DNSRecordType.queryable)
        func everyTypeReadsAsDigShortPrintsIt(type: DNSRecordType) async throws {
            guard let dig = Self.dig() else { return }
            let name = [DNSRecordType.mx, .ns, .caa].contains(type) ? "test." : type == .txt ? "txt.test." : type == .srv
                ? "_sip._tcp.test." : type == .cname ? "alias.test." : "www.test."
            try await Self.withServer { _, address in
                let result = try await DNSProbe.run(DNSProbeRequest(name: name, type: type, server: address))
                let expected = try Self.run(dig, ["+short", "+tries=1", "+time=5", "-p", "\(address.port)", "@127.0.0.1", name, type.name])
                #expect(!result.answers.isEmpty)
                #expect(result.answers.map(\.data) == expected.split(separator: "\n").map(String.init))
            }
        }

        @Test func aliasAnswersFollowTheChainAndTheVersionIsTheAddresses() async throws {
            try await Self.withServer { _, address in
                let result = try await DNSProbe.run(DNSProbeRequest(name: "alias.test", type: .a, server: address))
                #expect(result.answers.map(\.type) == [.cname, .a, .a])
                #expect(result.answers.first?.ttl == 120)
                #expect(result.answerVersion == "192.0.2.10 192.0.2.11")
            }
        }

        @Test func nxdomainIsAResultWithTheSOA() async throws {
            try await Self.withServer { _, address in
                let result = try await DNSProbe.run(DNSProbeRequest(name: "missing.test", server: address))
                #expect(result.responseCode == .nxDomain)
                #expect(result.answers.isEmpty)
                #expect(result.answerVersion == "")
                #expect(result.reply.authority.map(\.type) == [.soa])
            }
        }

        @Test func servfailIsAResult() async throws {
            try await Self.withServer { _, address in
                let result = try await DNSProbe.run(DNSProbeRequest(name: "servfail.test", server: address))
                #expect(result.responseCode == .servFail)
            }
        }

        @Test func aNonAuthoritativeAnswerHasAAClear() async throws {
            try await Self.withServer { _, address in
                let result = try await DNSProbe.run(DNSProbeRequest(name: "cached.example", server: address))
                #expect(!result.isAuthoritative)
                #expect(result.answers.map(\.ttl) == [45])
                let refused = try await DNSProbe.run(DNSProbeRequest(name: "elsewhere.example", server: address))
                #expect(refused.responseCode == .refused)
            }
        }

        @Test func aLargeUDPReplyIsReadWhole() async throws {
            try await Self.withServer { _, address in
                let result = try await DNSProbe.run(DNSProbeRequest(name: "big.test", type: .txt, server: address, ednsPayloadSize: 4096))
                #expect(result.answers.count == 20)
                #expect(result.answers.last?.data == "\"19" + String(repeating: "x", count: 200) + "\"")
                #expect(!result.retriedOverTCP)
            }
        }

        @Test func aTruncatedReplyIsAskedAgainOverTCP() async throws {
            try await Self.withServer { server, address in
                let result = try await DNSProbe.run(DNSProbeRequest(name: "truncate.test", server: address))
                // Only the TCP side of the server gives these three records.
                #expect(result.answers.map(\.data) == ["192.0.2.101", "192.0.2.102", "192.0.2.103"])
                #expect(!result.reply.isTruncated)
                #expect(result.retriedOverTCP)
                #expect(result.server == DNSServerAddress(transport: .tcp, host: "127.0.0.1", port: address.port))
                let connect = try #require(result.connectMicroseconds)
                #expect(connect > 0 && connect + result.queryMicroseconds <= result.totalMicroseconds)
                _ = try await server.line { $0 == "QUERY tcp truncate.test. A" }
                #expect(server.lines.filter { $0.hasPrefix("QUERY") } == ["QUERY udp truncate.test. A", "QUERY tcp truncate.test. A"])
            }
        }

        @Test func aTruncatedReplyWhoseTCPRetryFailsIsTruncated() async throws {
            try await Self.withServer { _, address in
                let failure = await Self.failure(of: DNSProbeRequest(name: "truncate-both.test", server: address))
                #expect(failure?.reason == .truncated)
                #expect(failure?.message.contains("closed the connection") == true, "\(failure?.message ?? "")")
            }
        }

        @Test func tcpFromTheStart() async throws {
            try await Self.withServer { server, address in
                let tcp = DNSServerAddress(transport: .tcp, host: address.host, port: address.port)
                let result = try await DNSProbe.run(DNSProbeRequest(name: "www.test", type: .aaaa, server: tcp))
                #expect(result.answers.map(\.data) == ["2001:db8::10", "2001:db8::1:0:0:1"])
                #expect(result.server == tcp && !result.retriedOverTCP)
                #expect(result.connectMicroseconds != nil)
                _ = try await server.line { $0 == "QUERY tcp www.test. AAAA" }
            }
        }

        @Test func datagramsThatAnswerSomethingElseAreIgnored() async throws {
            try await Self.withServer { _, address in
                // The server first sends a reply with another id (192.0.2.66), then one to another question (192.0.2.67).
                let result = try await DNSProbe.run(DNSProbeRequest(name: "mismatch.test", server: address))
                #expect(result.answers.map(\.data) == ["192.0.2.1"])
            }
        }

        @Test func aReplyThatIsNotDNSIsMalformed() async throws {
            try await Self.withServer { _, address in
                let failure = await Self.failure(of: DNSProbeRequest(name: "garbage.test", server: address))
                #expect(failure?.reason == .malformedReply)
                #expect(failure?.message.contains(address.description) == true, "\(failure?.message ?? "")")
            }
        }

        @Test func theAnswerFollowsTheSwitch() async throws {
            try await Self.withServer { server, address in
                let request = DNSProbeRequest(name: "cutover.test", server: address)
                let blue = try await DNSProbe.run(request)
                #expect(blue.answerVersion == "10.0.1.10")
                #expect(blue.answers.map(\.ttl) == [30])
                try await server.command("set cutover.test. 30 A 10.0.2.10")
                let green = try await DNSProbe.run(request)
                #expect(green.answerVersion == "10.0.2.10")
            }
        }

        @Test func aSilentServerCostsItsTimeout() async throws {
            try await Self.withServer { server, address in
                let clock = ContinuousClock()
                let start = clock.now
                let failure = await Self.failure(of: DNSProbeRequest(name: "quiet.silent.test", server: address, timeout: .milliseconds(600)))
                let elapsed = clock.now - start
                #expect(failure?.reason == .timeout)
                #expect(failure?.message == "DNS server \(address) did not answer within 600ms.")
                #expect(elapsed >= .milliseconds(600))
                #expect(elapsed < .milliseconds(600) + .milliseconds(2500), "took \(elapsed)")
                _ = try await server.line { $0 == "QUERY udp quiet.silent.test. A" }
            }
        }

        @Test func aClosedUDPPortIsRefusedAtOnce() async throws {
            let port = try await Self.closedUDPPort()
            let clock = ContinuousClock()
            let start = clock.now
            let failure = await Self.failure(of: DNSProbeRequest(name: "www.test", server: DNSServerAddress(host: "127.0.0.1", port: port)))
            #expect(failure?.reason == .connectionRefused)
            #expect(clock.now - start < .seconds(3))
        }

        @Test func systemResolversAreAskedInTurnWhenOneIsSilent() async throws {
            try await Self.withServer { _, address in
                let silent = try await Self.silentUDPServer()
                defer { silent.close(promise: nil) }
                let silentAddress = DNSServerAddress(host: "127.0.0.1", port: try #require(silent.localAddress?.port))
                let resolvers = DNSResolverConfiguration(servers: [silentAddress, address], timeoutPerServer: .milliseconds(300))
                let clock = ContinuousClock()
                let start = clock.now
                let result = try await DNSProbe.run(DNSProbeRequest(name: "www.test", resolvers: resolvers, timeout: .seconds(5)))
                #expect(clock.now - start >= .milliseconds(300))
                #expect(result.server == address)
                #expect(result.silentServers == [silentAddress])
                #expect(result.answers.count == 2)
            }
        }

        @Test func silentResolversTogetherCostTheProbesTimeout() async throws {
            let first = try await Self.silentUDPServer()
            let second = try await Self.silentUDPServer()
            defer {
                first.close(promise: nil)
                second.close(promise: nil)
            }
            let servers = try [first, second].map { DNSServerAddress(host: "127.0.0.1", port: try #require($0.localAddress?.port)) }
            let resolvers = DNSResolverConfiguration(servers: servers, timeoutPerServer: .milliseconds(300))
            let clock = ContinuousClock()
            let start = clock.now
            let failure = await Self.failure(of: DNSProbeRequest(name: "www.test", resolvers: resolvers, timeout: .seconds(1)))
            let elapsed = clock.now - start
            #expect(failure?.reason == .timeout)
            // Normally the second server gets the 700 ms the first left; on a loaded machine the first may use them all.
            #expect(failure?.message == "DNS server \(servers[1]) did not answer within what was left of the 1s timeout. Before it, \(servers[0]) gave no answer."
                || failure?.message == "No DNS server answered within 1s: \(servers[0]), \(servers[1]).", "\(failure?.message ?? "")")
            #expect(elapsed >= .seconds(1) && elapsed < .seconds(1) + .milliseconds(2500), "took \(elapsed)")
        }

        @Test func cancellingStopsTheWaitAtOnce() async throws {
            try await Self.withServer { _, address in
                let probe = Task { try await DNSProbe.run(DNSProbeRequest(name: "x.silent.test", server: address, timeout: .seconds(30))) }
                try await Task.sleep(for: .milliseconds(100))
                let clock = ContinuousClock()
                let start = clock.now
                probe.cancel()
                await #expect(throws: CancellationError.self) { try await probe.value }
                #expect(clock.now - start < .seconds(5), "cancellation must beat the 30 s timeout by far, even on a loaded machine")
            }
        }

        @Test func invalidRequestsFailBeforeAnythingIsSent() async {
            let server = DNSServerAddress(host: "127.0.0.1", port: 9)
            for request in [
                DNSProbeRequest(name: "bad..name", server: server),
                DNSProbeRequest(name: "www.test", type: .opt, server: server),
                DNSProbeRequest(name: "www.test", server: server, timeout: .zero),
                DNSProbeRequest(name: "www.test", server: server, ednsPayloadSize: 100),
                DNSProbeRequest(name: "www.test", server: DNSServerAddress(host: "dns.example", port: 53)),
                DNSProbeRequest(name: "www.test", resolvers: DNSResolverConfiguration(servers: [])),
            ] {
                #expect(await Self.failure(of: request)?.reason == .invalidRequest)
            }
        }

        // MARK: Helpers

        /// A UDP socket that receives and never answers.
        static func silentUDPServer() async throws -> any Channel {
            try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        }

        /// A UDP port that was bound a moment ago and released, so a datagram to it draws an ICMP port unreachable.
        static func closedUDPPort() async throws -> Int {
            let channel = try await silentUDPServer()
            let port = try #require(channel.localAddress?.port)
            try await channel.close().get()
            return port
        }

        /// BIND's dig (Debian's bind9-dnsutils), the reference for how records read; nil (recorded) when missing.
        static func dig(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
            let candidates = ["/usr/bin/dig"] + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/dig" }
            if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
            TestServices.unavailable("dig is not installed (apt-get install bind9-dnsutils)", sourceLocation: sourceLocation)
            return nil
        }

        static func run(_ executable: String, _ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
