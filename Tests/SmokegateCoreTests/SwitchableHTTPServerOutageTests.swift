import Testing

@testable import SmokegateFixtures

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension RunsAlone {
    /// `SwitchableHTTPServer.outage` against a prober looking every few milliseconds: the window it reports must
    /// cover the duration asked for and hold only down answers. Run alone: the bounds are timings, and the prober's
    /// few hundred connections would compete with other suites' sockets.
    @Suite("Switchable HTTP server, outage windows", .timeLimit(.minutes(1)))
    struct SwitchableHTTPServerOutageTests {
        /// Probes the server all through an outage; nothing may look up inside the window it reports.
        @Test(arguments: [SwitchableHTTPServer.Mode.failing, .refusing])
        func outageWindowIsAtLeastTheDurationAndReallyDown(mode: SwitchableHTTPServer.Mode) async throws {
            try await SwitchableHTTPServerTests.withServer(version: "1.4.2") { server in
                let port = server.port
                let duration = Duration.milliseconds(400)
                let clock = ContinuousClock()
                let (window, called, returned, probes) = try await withThrowingTaskGroup(of: [Probe].self) { group in
                    group.addTask { await Self.probe(port: port, mode: mode) }
                    let called = clock.now
                    let window = try await server.outage(mode, for: duration)
                    let returned = clock.now
                    group.cancelAll()
                    return (window, called, returned, try await group.next() ?? [])
                }
                #expect(window.start < window.end)
                #expect(window.end - window.start >= duration)
                #expect(called <= window.start && window.end <= returned)
                #expect(server.mode == .serving)

                #expect(probes.allSatisfy { $0.outcome == .up || $0.outcome == .down }, "\(probes)")
                #expect(probes.contains { $0.outcome == .down }, "no probe saw the outage")
                let upInside = probes.filter { $0.outcome == .up && window.start <= $0.sent && $0.received <= window.end }
                #expect(upInside.isEmpty, "served inside the reported window: \(upInside)")
                let answer = try await SwitchableHTTPServerTests.RawConnection.exchange(port: port, SwitchableHTTPServerTests.health)
                #expect(answer.status == 200)
            }
        }

        /// One look at the server during an outage test.
        struct Probe: Sendable, CustomStringConvertible {
            enum Outcome: Sendable, Equatable { case up, down, unexpected(String) }
            var sent: ContinuousClock.Instant
            var received: ContinuousClock.Instant
            var outcome: Outcome

            var description: String { "\(outcome) \(sent)...\(received)" }
        }

        /// Looks at the server again and again until cancelled: 200 or an accepted connection is up,
        /// 503 or a refused one is down, depending on what the outage should look like.
        static func probe(port: Int, mode: SwitchableHTTPServer.Mode) async -> [Probe] {
            let clock = ContinuousClock()
            var probes: [Probe] = []
            while !Task.isCancelled {
                let sent = clock.now
                let outcome: Probe.Outcome
                if mode == .refusing {
                    let code = SwitchableHTTPServerTests.connectErrno(port: port)
                    outcome = code == 0 ? .up : code == ECONNREFUSED ? .down : .unexpected("connect: \(String(cString: strerror(code)))")
                } else {
                    let status: Int
                    do {
                        status = try await SwitchableHTTPServerTests.RawConnection.exchange(port: port, SwitchableHTTPServerTests.health).status
                    } catch {
                        status = -1
                    }
                    outcome = status == 200 ? .up : status == 503 ? .down : .unexpected(status < 0 ? "no answer" : "status \(status)")
                }
                // A probe cut short by the cancellation says nothing about the server.
                guard !Task.isCancelled else { break }
                probes.append(Probe(sent: sent, received: clock.now, outcome: outcome))
                // A few hundred looks suffice; thousands would only pile up client sockets in TIME_WAIT.
                try? await Task.sleep(for: .milliseconds(2))
            }
            return probes
        }
    }
}
