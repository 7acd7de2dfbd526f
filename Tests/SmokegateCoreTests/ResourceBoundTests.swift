import Foundation
@testable import SmokegateConfig
@testable import SmokegateCore
import SmokegateCurl
import SmokegateFixtures
@testable import SmokegateModel
import SmokegateTestSupport
import Testing

extension RunsAlone {
    /// What a long run leaves behind: nothing. Runs alone (scripts/run-tests' serial phase), because it counts the
    /// whole process's file descriptors and parallel tests open their own.
    @Suite("resources are released")
    struct ResourceBoundTests {
        @Test func tenThousandProbesEndWithNoMoreDescriptorsThanTheyStartedWith() async throws {
            // Passing, failing (503 and a body that breaks the expectation), refused, reset and timed-out probes:
            // every way a transfer can end must give its socket back.
            let suite = """
                checks:
                  - name: ok
                    samples: 4000
                    http: GET {{base}}/ok
                    expect: { status: 200 }
                  - name: unavailable
                    samples: 2000
                    http: GET {{base}}/503
                    expect: { status: 200 }
                  - name: reset
                    samples: 2000
                    http: GET {{base}}/reset
                  - name: refused
                    samples: 1900
                    http: GET http://127.0.0.1:{{closed}}/
                  - name: slow
                    samples: 100
                    http: { url: "{{base}}/hang", timeout: 100ms }
                """
            let closed = try await LoopbackPort.closed()
            try await FixtureHTTPServer.withServer(answering: { request in
                switch request.path {
                case "/ok": .respond(.text("ok"))
                case "/503": .respond(.text("down", status: 503))
                case "/reset": .reset
                default: .hang
                }
            }) { server in
                let loaded = try await TemporarySuite.load(suite, options: LoadOptions(variables: ["base": server.baseURL, "closed": String(closed)]))
                // A first, small run creates what lives for the process (curl's global state, the event loops).
                let warmUp = try await TemporarySuite.load("checks:\n  - name: w\n    samples: 50\n    http: GET \(server.baseURL)/ok\n")
                _ = try await SuiteRun(suite: warmUp, tags: [], concurrency: 16).execute()
                let before = openDescriptors()
                let report = try await SuiteRun(suite: loaded, tags: [], concurrency: 64).execute()
                #expect(report.totals.probesCompleted == 10_000)
                #expect(report.totals.probesFailed == 6_000)
                // The fixture's server side may still be closing its ends, and what earlier tests left open may close
                // meanwhile (fewer is fine); a leak of even one socket per thousand probes would show as more.
                try await eventually { openDescriptors() <= before }
                #expect(openDescriptors() <= before, "descriptors before: \(before), after: \(openDescriptors())")
            }
        }

        /// The number of file descriptors this process has open.
        private func openDescriptors() -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
        }

        /// Waits, bounded, until `condition` holds.
        private func eventually(_ condition: () -> Bool) async throws {
            let start = ContinuousClock.now
            while !condition(), ContinuousClock.now - start < .seconds(10) { try await Task.sleep(for: .milliseconds(20)) }
        }
    }
}
