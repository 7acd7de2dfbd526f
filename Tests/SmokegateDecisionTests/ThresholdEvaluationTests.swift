@testable import SmokegateModel
@testable import SmokegateStats
@testable import SmokegateVerdict
import Testing

/// A threshold (a check's `latency:` limit or a run-wide gate) against figures made up for it: what passes, what
/// the sentence says, and that a limit with nothing to measure is not met.
@Suite("Gate evaluation: thresholds, without servers")
struct ThresholdEvaluationTests {
    static func threshold(_ text: String) throws -> Threshold { try Threshold.parse(text).get() }

    /// Three answers of exactly 20 ms.
    static let twentyMilliseconds = LatencyDistribution(microseconds: [20_000, 20_000, 20_000] as [Int64])

    @Test func noLatencySamplesFailSayingNZero() throws {
        // Four probes, all refused: an error rate exists, a latency does not.
        let result = ThresholdEvaluation.evaluate(try Self.threshold("p95 < 300ms"), distribution: nil, errorRate: 1, probes: 4, failed: 4)
        #expect(!result.passed)
        #expect(result.observed == nil && result.n == 0)
        #expect(result.limit == 300 && result.unit == "ms")
        #expect(result.message == "no latency samples to measure p95 on (n=0)")
    }

    @Test func noProbesFailAnErrorRateLimitSayingNZero() throws {
        let result = ThresholdEvaluation.evaluate(try Self.threshold("error_rate < 1%"), distribution: nil, errorRate: nil, probes: 0, failed: 0)
        #expect(!result.passed)
        #expect(result.observed == nil && result.n == 0)
        #expect(result.limit == 0.01 && result.unit == "ratio")
        #expect(result.message == "no probes to measure error_rate on (n=0)")
    }

    @Test(arguments: [("p50 < 20ms", false), ("p50 <= 20ms", true), ("p50 > 20ms", false), ("p50 >= 20ms", true),
                      ("p50 < 21ms", true), ("p50 > 19ms", true), ("p50 <= 19ms", false), ("p50 >= 21ms", false)])
    func eachComparisonOperatorAtAndAroundTheLimit(text: String, passes: Bool) throws {
        let result = ThresholdEvaluation.evaluate(try Self.threshold(text), distribution: Self.twentyMilliseconds, errorRate: 0, probes: 3, failed: 0)
        #expect(result.passed == passes)
        #expect(result.observed == 20 && result.n == 3)
        #expect(result.comparison == String(text.split(separator: " ")[1]))
        #expect(result.message == "p50 20ms (n=3) is \(passes ? "within" : "not") \(text.dropFirst(4))")
    }

    @Test(arguments: [(Threshold.Metric.p50, 50.0), (.p90, 90), (.p95, 95), (.p99, 99), (.max, 100), (.min, 1), (.mean, 50.5)])
    func eachLatencyMetricReadsItsOwnFigure(metric: Threshold.Metric, milliseconds: Double) throws {
        // 1 ms … 100 ms: nearest-rank percentiles are the values themselves.
        let distribution = LatencyDistribution(microseconds: (1...100).map { Int64($0) * 1000 })
        let result = ThresholdEvaluation.evaluate(try Self.threshold("\(metric.rawValue) < 1s"), distribution: distribution, errorRate: 0,
                                                  probes: 100, failed: 0)
        #expect(result.metric == metric.rawValue)
        #expect(result.observed == milliseconds)
        #expect(result.passed && result.n == 100)
    }

    @Test func anErrorRateLimitCountsProbesNotLatencies() throws {
        // Twenty probes, two failed; only three answered with a latency.
        let result = ThresholdEvaluation.evaluate(try Self.threshold("error_rate <= 5%"), distribution: Self.twentyMilliseconds, errorRate: 0.1,
                                                  probes: 20, failed: 2)
        #expect(!result.passed)
        #expect(result.observed == 0.1 && result.limit == 0.05 && result.n == 20)
        #expect(result.message == "error_rate 10.00% (2 of 20 probes failed) is not <= 5%")
    }

    @Test func latencyFiguresAreMillisecondsToTheMicrosecond() throws {
        let distribution = LatencyDistribution(microseconds: [12_345] as [Int64])
        let result = ThresholdEvaluation.evaluate(try Self.threshold("max < 12.5ms"), distribution: distribution, errorRate: 0, probes: 1, failed: 0)
        #expect(result.observed == 12.345 && result.limit == 12.5)
        #expect(result.message == "max 12.3ms (n=1) is within < 12.5ms")
    }
}
