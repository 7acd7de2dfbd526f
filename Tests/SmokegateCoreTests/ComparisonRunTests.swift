import Foundation
@testable import SmokegateCore
import SmokegateCurl
import SmokegateFixtures
@testable import SmokegateModel
import SmokegateTestSupport
@testable import SmokegateVerdict
import Synchronization
import Testing

extension RunsAlone {
    /// Blue and green fixture pairs with known differences, compared through the whole pipeline several times each:
    /// the decision must be the expected one every time.
    @Suite("Blue/green comparison, end to end")
    struct ComparisonRunTests {
        /// 3 in `make test`; `SMOKEGATE_COMPARISON_REPETITIONS=20` measures false-alarm and detection rates.
        static let repetitions = ProcessInfo.processInfo.environment["SMOKEGATE_COMPARISON_REPETITIONS"].flatMap(Int.init) ?? 3

        /// Serves each request after the next delay of `delays` (cycling) and fails the request numbers in `failing`.
        static func service(delays: [Int], failing: Set<Int> = []) -> @Sendable (FixtureRequest) -> FixtureBehavior {
            let counter = Mutex(0)
            return { _ in
                let n = counter.withLock { value in value += 1; return value - 1 }
                let delay = Duration.milliseconds(delays[n % delays.count])
                return failing.contains(n) ? .respond(.text("down", status: 503, delay: delay)) : .respond(.text("ok", delay: delay))
            }
        }

        func compare(samples: Int, blue: [Int], green: [Int], greenFailing: Set<Int> = [], metrics: String? = nil) async throws -> RunReport {
            try await FixtureHTTPServer.withServer(answering: Self.service(delays: blue)) { blueServer in
                try await FixtureHTTPServer.withServer(answering: Self.service(delays: green, failing: greenFailing)) { greenServer in
                    let suite = try await TemporarySuite.load("""
                        environments:
                          blue: { base_url: "\(blueServer.baseURL)" }
                          green: { base_url: "\(greenServer.baseURL)" }
                        compare: { baseline: blue, candidate: green\(metrics.map { ", metrics: \($0)" } ?? "") }
                        checks:
                          - name: endpoint
                            samples: \(samples)
                            http: GET /
                        """)
                    return try await SuiteRun(suite: suite, tags: [], concurrency: 8).execute()
                }
            }
        }

        @Test func identicalServicesArePromoted() async throws {
            for _ in 0..<Self.repetitions {
                let report = try await compare(samples: 20, blue: [20, 24, 22, 26, 21], green: [20, 24, 22, 26, 21])
                #expect(report.decision == .promote, "\(report.reasons)")
                #expect(report.exitCode == .pass)
            }
        }

        @Test func thirtyPercentSlowerWithClearSeparationIsRolledBack() async throws {
            for _ in 0..<Self.repetitions {
                let report = try await compare(samples: 20, blue: [50, 52, 51, 53, 50], green: [65, 67, 66, 68, 65])
                #expect(report.decision == .rollback, "\(report.reasons)")
                #expect(report.exitCode == .fail)
                let comparison = try #require(report.comparisons?.first)
                #expect(comparison.decision == .fail)
                #expect((comparison.mannWhitney?.pValue ?? 1) < 0.001)
                #expect(comparison.reason.hasPrefix("green is slower than blue:"))
            }
        }

        @Test func threePercentErrorsAgainstNoneAreJudgedByFisher() async throws {
            // 3% vs 0% over 300 samples each: beyond the 1-point margin and significant, even corrected for the
            // four latency tests of the same run.
            let report = try await compare(samples: 300, blue: [2], green: [2], greenFailing: [10, 40, 70, 100, 130, 160, 190, 220, 250])
            #expect(report.decision == .rollback, "\(report.reasons)")
            let comparison = try #require(report.comparisons?.first)
            #expect(comparison.errors.beyondMargin)
            #expect((comparison.errors.adjustedPValue ?? 1) < 0.05)
            #expect(comparison.reason.hasPrefix("green fails more often than blue: 3% vs 0%"))
            // 2% over 100 samples: beyond the margin but not significant; green's failed samples hold the run for a person.
            let small = try await compare(samples: 100, blue: [2], green: [2], greenFailing: [10, 60])
            #expect(small.decision == .hold, "\(small.reasons)")
            #expect(small.comparisons?.first?.decision == .pass)
        }

        @Test func greenServingBluesVersionIsRolledBackWithTheCountsSeen() async throws {
            let blue: @Sendable (FixtureRequest) -> FixtureBehavior = { _ in
                var response = FixtureResponse.text("ok")
                response.headers.append((name: "X-Version", value: "1.4.2"))
                return .respond(response)
            }
            let counter = Mutex(0)
            let green: @Sendable (FixtureRequest) -> FixtureBehavior = { _ in
                // Blue's backend answers most of green's requests: the stale-route problem.
                let n = counter.withLock { value in value += 1; return value }
                var response = FixtureResponse.text("ok")
                response.headers.append((name: "X-Version", value: n % 5 == 0 ? "1.5.0" : "1.4.2"))
                return .respond(response)
            }
            for _ in 0..<Self.repetitions {
                counter.withLock { $0 = 0 }
                let report = try await FixtureHTTPServer.withServer(answering: blue) { blueServer in
                    try await FixtureHTTPServer.withServer(answering: green) { greenServer in
                        let suite = try await TemporarySuite.load("""
                            environments:
                              blue: { base_url: "\(blueServer.baseURL)", expect_version: 1.4.2 }
                              green: { base_url: "\(greenServer.baseURL)", expect_version: 1.5.0 }
                            compare: { baseline: blue, candidate: green }
                            checks:
                              - name: health
                                samples: 20
                                version_from: header X-Version
                                http: GET /
                            """)
                        return try await SuiteRun(suite: suite, tags: [], concurrency: 4).execute()
                    }
                }
                #expect(report.decision == .rollback, "\(report.reasons)")
                let greenResult = try #require(report.checks.first?.results.first { $0.environment == "green" })
                #expect(greenResult.versions == ["1.4.2": 16, "1.5.0": 4])
                #expect(greenResult.message == "expected version 1.5.0 from every sample; seen: 1.4.2 ×16, 1.5.0 ×4 (n=20)")
                #expect(report.checks.first?.results.first { $0.environment == "blue" }?.status == .pass)
            }
        }

        @Test func tooFewSamplesIsInconclusiveAndSaysTheMinimum() async throws {
            let report = try await compare(samples: 3, blue: [20], green: [60])
            let comparison = try #require(report.comparisons?.first)
            #expect(comparison.decision == .inconclusive)
            #expect(comparison.reason.contains("the minimum is 5 per environment"))
        }
    }
}
