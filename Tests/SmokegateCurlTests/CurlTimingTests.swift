import SmokegateCurl
import SmokegateFixtures
import Testing

extension RunsAlone {
    /// curl's timings of a transfer against a fixture that answers after a known delay, held to within 30 ms: run
    /// alone, since transfers beside it would add their scheduling delays to the phases.
    @Suite struct CurlTimingTests {
        @Test func delayedResponseIsMeasuredInTheServerPhase() async throws {
            try await FixtureHTTPServer.withServer({ _ in .respond(.text("slow", delay: .milliseconds(200))) }) { server in
                try await CurlEngine.withEngine { engine in
                    let timings = try await engine.perform(HTTPTransferRequest(url: server.baseURL)).timings
                    #expect(timings.total >= 200_000 && timings.total <= 230_000, "total \(timings.total) µs")
                    #expect(timings.server >= 195_000 && timings.server <= timings.total)
                    #expect(timings.firstByte >= timings.server && timings.firstByte <= timings.total)
                    #expect(timings.connect > 0)
                    #expect(timings.tls == 0)
                    // Besides the measured phases only curl's own bookkeeping is unaccounted for.
                    let phases = timings.dns + timings.connect + timings.tls + timings.server + timings.transfer
                    #expect(phases <= timings.total && timings.total - phases < 5_000, "phases \(phases) µs")
                }
            }
        }
    }
}
