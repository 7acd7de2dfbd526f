import Foundation
@testable import SmokegateCore
import SmokegateCurl
@testable import SmokegateEngine
import SmokegateFixtures
@testable import SmokegateModel
import SmokegateTestSupport
@testable import SmokegateVerdict
import Testing

extension RunsAlone {
    /// Real checks, read from YAML and run by `SuiteRun`, against servers that misbehave: each must end with its own
    /// reason (or pass where the policy says so) within its timeout plus a margin, and a crowd of them must not slow
    /// down the healthy checks beside them.
    ///
    /// Serialized so the memory figure and the crowd's latencies are this suite's own, not its neighbours'.
    @Suite("Hostile servers", .serialized)
    struct HostileServerTests {
        /// On top of a check's timeout: a loaded CI machine, the run's own setup and teardown. Generous on purpose;
        /// what it catches is a check that hangs, which overshoots by far more.
        static let margin: Duration = .milliseconds(1500)

        /// Runs `yaml` and measures the run's wall time, from dispatch to verdict.
        static func run(_ yaml: String, concurrency: Int = 4) async throws -> (report: RunReport, elapsed: Duration) {
            let suite = try await TemporarySuite.load(yaml)
            return try await Prober.with { prober in
                let clock = ContinuousClock()
                let start = clock.now
                let report = await SuiteRun(suite: suite, tags: [], concurrency: concurrency).execute(prober: prober)
                return (report, clock.now - start)
            }
        }

        /// Starts `hostile`'s server, runs one check named `hostile` against it with `timeout`, and stops the server.
        static func runOne(_ hostile: HostileCase, timeout: String) async throws -> (result: RunReport.CheckResult, elapsed: Duration) {
            let target = try await hostile.start()
            let outcome: (report: RunReport, elapsed: Duration)
            do {
                outcome = try await run("checks:\n  - name: hostile\n    \(hostile.probe(target.hostPort, timeout))\n")
            } catch {
                await target.stop()
                throw error
            }
            await target.stop()
            return (try #require(RunHarness.result(outcome.report, "hostile")), outcome.elapsed)
        }

        @Test(arguments: HostileCase.all)
        func checkEndsWithItsReasonWithinItsTimeout(_ hostile: HostileCase) async throws {
            let (result, elapsed) = try await Self.runOne(hostile, timeout: "1s")
            let reasons = result.failures.map(\.reason.rawValue)
            print("hostile: \(hostile.name): \(result.status) \(reasons.joined(separator: ",")) in \(Self.milliseconds(elapsed)) — \(result.message ?? "")")
            #expect(result.status == hostile.status, "\(result.message ?? "")")
            #expect(reasons == (hostile.reason.map { [$0] } ?? []), "\(result.message ?? "")")
            #expect(result.samplesCompleted == 1)
            #expect(elapsed <= .seconds(1) + Self.margin, "took \(elapsed)")
        }

        @Test func fiftyMegabyteBodyStopsAtTheCapWithFlatMemory() async throws {
            let fifty = 50_000_000
            try await HostileServer.withServer(.largeBody(bytes: fifty, chunked: false)) { sized in
                try await HostileServer.withServer(.largeBody(bytes: fifty, chunked: true)) { chunked in
                    let yaml = """
                        checks:
                          - name: content-length
                            samples: 3
                            http: { url: "\(sized.baseURL)/", timeout: 5s, max_body: 1MiB }
                          - name: chunked
                            samples: 3
                            http: { url: "\(chunked.baseURL)/", timeout: 5s, max_body: 1MiB }
                        """
                    let before = try #require(ProcessMemory.current())
                    #expect(ProcessMemory.resetPeak(), "the kernel refused to reset VmHWM; the peak below is the process's lifetime peak")
                    let (report, elapsed) = try await Self.run(yaml, concurrency: 1)
                    let after = try #require(ProcessMemory.current())
                    let growth = after.peak - before.resident
                    print("hostile: 50 MB body ×6 (3 with Content-Length, 3 chunked), max_body 1MiB: peak RSS growth \(growth / 1024) KiB "
                          + "(VmRSS before \(before.resident / 1024) KiB, VmHWM after \(after.peak / 1024) KiB) in \(Self.milliseconds(elapsed))")
                    for name in ["content-length", "chunked"] {
                        let result = try #require(RunHarness.result(report, name))
                        #expect(result.status == .fail)
                        #expect(result.failures.map(\.reason.rawValue) == ["body_too_large"], "\(result.message ?? "")")
                        #expect(result.samplesFailed == 3)
                    }
                    // Holding the body would take 50 MB per sample; the cap allows 1 MiB, curl's buffers a little more.
                    #expect(growth < 24 << 20, "peak RSS grew by \(growth / 1024) KiB")
                    #expect(elapsed <= .seconds(5) + Self.margin)
                }
            }
        }

        /// Every failing behaviour at once, 200 samples in all, beside 200 healthy samples, all in flight together.
        ///
        /// A healthy probe held up by a hostile one (a blocked curl thread, a shared queue) would take about the
        /// hostile timeout, 3 s; the bounds, a quarter and a half of it, tell that apart with room for a loaded
        /// two-core machine, where the healthy p50 measures 0.2 s idle and up to 0.6 s under load (debug build).
        @Test func twoHundredHostileChecksBesideTwoHundredHealthyOnes() async throws {
            let failing = HostileCase.all.filter { $0.status == .fail }
            let healthy = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("ok")) })
            var targets: [HostileCase.Target] = []
            let outcome: (report: RunReport, elapsed: Duration)
            do {
                var yaml = """
                    checks:
                      - name: healthy
                        samples: 200
                        http: { url: "\(healthy.baseURL)/health", timeout: 3s }
                        expect: { status: 200, body: ok }

                    """
                for (index, hostile) in failing.enumerated() {
                    let target = try await hostile.start()
                    targets.append(target)
                    let samples = 200 / failing.count + (index < 200 % failing.count ? 1 : 0)
                    yaml += "  - name: \"\(hostile.name)\"\n    samples: \(samples)\n    \(hostile.probe(target.hostPort, "3s"))\n"
                }
                outcome = try await Self.run(yaml, concurrency: 400)
            } catch {
                for target in targets { await target.stop() }
                try? await healthy.shutdown()
                throw error
            }
            for target in targets { await target.stop() }
            try await healthy.shutdown()

            let report = outcome.report
            let good = try #require(RunHarness.result(report, "healthy"))
            let latency = try #require(good.latency)
            print("hostile: 200 hostile + 200 healthy, concurrency 400: healthy p50 \(latency.p50Ms) ms, p95 \(latency.p95Ms) ms, "
                  + "max \(latency.maxMs) ms; run \(Self.milliseconds(outcome.elapsed))")
            #expect(good.status == .pass, "\(good.message ?? "")")
            #expect(good.samplesCompleted == 200 && good.samplesFailed == 0)
            #expect(latency.p50Ms < 750, "healthy p50 \(latency.p50Ms) ms")
            #expect(latency.maxMs < 1500, "healthy max \(latency.maxMs) ms, against hostile timeouts of 3 s")

            var hostileSamples = 0
            for hostile in failing {
                let result = try #require(RunHarness.result(report, hostile.name))
                hostileSamples += result.samplesCompleted
                #expect(result.samplesFailed == result.samplesCompleted, "\(hostile.name)")
                #expect(Set(result.failures.map(\.reason.rawValue)) == Set(hostile.reason.map { [$0] } ?? []),
                        "\(hostile.name): \(result.failures.map { "\($0.count)× \($0.reason): \($0.message)" })")
            }
            #expect(hostileSamples == 200)
            #expect(outcome.elapsed <= .seconds(3) + Self.margin, "took \(outcome.elapsed)")
        }

        static func milliseconds(_ duration: Duration) -> String {
            let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            return String(format: "%.0f ms", ms)
        }
    }
}
