@testable import SmokegateModel
@testable import SmokegateStats
import Testing

@Suite("Durations and thresholds")
struct ThresholdTests {
    @Test(arguments: [("250ms", 250_000), ("5s", 5_000_000), ("1m30s", 90_000_000), ("1.5s", 1_500_000), ("20us", 20), ("2h", 7_200_000_000)])
    func durationsParse(text: String, microseconds: Int64) throws {
        #expect(try DurationText.parse(text).get().microseconds == microseconds)
    }

    @Test(arguments: ["5", "fast", "5 parsecs", "", "ms"])
    func badDurationsAreRefused(text: String) {
        #expect(throws: DurationTextError.self) { try DurationText.parse(text).get() }
    }

    @Test func latencyThresholdParses() throws {
        let threshold = try Threshold.parse("p95 < 300ms").get()
        #expect(threshold.metric == .p95)
        #expect(threshold.comparison == .lessThan)
        #expect(threshold.limit == 300_000)
        #expect(threshold.holds(299_999))
        #expect(!threshold.holds(300_000))
        #expect(threshold.description == "p95 < 300ms")
    }

    @Test func errorRateThresholdParses() throws {
        let threshold = try Threshold.parse("error_rate<=0.5%").get()
        #expect(threshold.metric == .errorRate)
        #expect(threshold.comparison == .lessOrEqual)
        #expect(abs(threshold.limit - 0.005) < 1e-12)
        #expect(threshold.description == "error_rate <= 0.5%")
    }

    @Test func badThresholdsExplainThemselves() {
        #expect(throws: ThresholdError.self) { try Threshold.parse("p95 < fast").get() }
        #expect(throws: ThresholdError.self) { try Threshold.parse("error_rate < 0.01").get() }
        #expect(throws: ThresholdError.self) { try Threshold.parse("p95 = 10ms").get() }
        #expect(throws: ThresholdError.self) { try Threshold.parse("error_rate < 1%", allowed: [.p95]).get() }
        if case .failure(let error) = Threshold.parse("p59 < 10ms") {
            #expect(error.message.contains("did you mean 'p50'") || error.message.contains("did you mean 'p95'"))
        } else {
            Issue.record("p59 accepted")
        }
    }
}

@Suite("Latency distribution")
struct LatencyDistributionTests {
    @Test func percentilesOfOneToAHundredMilliseconds() throws {
        // 1 ms … 100 ms: nearest-rank percentiles are the values themselves; HdrHistogram keeps 3 digits.
        let values = (1...100).map { Int64($0) * 1000 }
        let distribution = try #require(LatencyDistribution(microseconds: values.shuffled()))
        #expect(distribution.count == 100)
        for (got, want) in [(distribution.p50, 50_000), (distribution.p90, 90_000), (distribution.p95, 95_000), (distribution.p99, 99_000),
                            (distribution.max, 100_000), (distribution.min, 1000)] as [(Int64, Int64)] {
            #expect(abs(got - want) <= want / 1000 + 1, "got \(got) want \(want)")
        }
        #expect(abs(distribution.mean - 50_500) < 1)
    }

    @Test func emptySetHasNoFigures() {
        #expect(LatencyDistribution(microseconds: [Int64]()) == nil)
    }

    @Test func oneSampleIsEveryPercentile() throws {
        let distribution = try #require(LatencyDistribution(microseconds: [42_000]))
        #expect(abs(distribution.p50 - 42_000) <= 42)
        #expect(abs(distribution.p99 - 42_000) <= 42)
        #expect(distribution.count == 1)
    }
}

@Suite("Redaction")
struct RedactorTests {
    @Test func masksSecretsAndURLPasswords() {
        let redactor = Redactor(secrets: ["hunter2", "hunter2-long"])
        #expect(redactor.redact("a hunter2-long b hunter2") == "a *** b ***")
        #expect(Redactor.redactingURLPassword("postgres://app:pa55@db:5432/x and https://u:p@h/") == "postgres://app:***@db:5432/x and https://u:***@h/")
        #expect(Redactor.redactingURLPassword("mailto user@host, https://h/@x") == "mailto user@host, https://h/@x")
        #expect(redactor.redact(header: "Set-Cookie", value: "sid=1") == "***")
        #expect(redactor.redact(header: "X-Other", value: "has hunter2") == "has ***")
    }
}
