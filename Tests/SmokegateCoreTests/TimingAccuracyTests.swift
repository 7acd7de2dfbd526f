@testable import SmokegateModel
import Testing

extension RunsAlone {
    /// Measurements that must be accurate, not just plausible. `make test` runs this suite alone, before the rest,
    /// so twenty other suites competing for two cores cannot add their scheduling delays to the figures.
    @Suite("Timing accuracy", .serialized)
    struct TimingAccuracyTests {
        @Test func measuredLatencyMatchesAFixedDelay() async throws {
            // The fixture answers after exactly 200 ms; curl's total must land just above it.
            let report = try await RunHarness.run("""
                checks:
                  - name: slow
                    samples: 5
                    http: GET {{base}}/slow
                """) { _ in .respond(.text("ok", delay: .milliseconds(200))) }
            let latency = try #require(RunHarness.result(report, "slow")?.latency)
            #expect(latency.n == 5)
            #expect(latency.p50Ms >= 200 && latency.p50Ms <= 230, "p50 \(latency.p50Ms) ms")
            let phases = try #require(RunHarness.result(report, "slow")?.phases)
            #expect((phases["server"]?.p50Ms ?? 0) >= 195)
        }
    }
}
