import SmokegateModel
import SmokegateVocabulary

/// Samples written by hand: what one probe brought back, without a probe, for the decision layer's tests.
extension Sample {
    /// Sample `index` of check `check` in `environment`, started `startedMs` after the run's start. It failed with
    /// `failure` when one is given, and passed only after a retry when `rescued` is given (the retried failure).
    static func madeUp(check: Int = 0, environment: String = "blue", index: Int = 0, startedMs: Int = 0, latencyMs: Int? = 10,
                       failure: Failure? = nil, rescued: Failure? = nil, version: String? = nil) -> Sample {
        var measurement = ProbeMeasurement(latency: latencyMs.map { Int64($0) * 1000 }, status: latencyMs == nil ? nil : (failure == nil ? 200 : 503))
        measurement.version = version
        return Sample(check: check, environment: environment, index: index, scheduled: .milliseconds(startedMs), started: .milliseconds(startedMs),
                      attempts: rescued == nil ? 1 : 2, failures: failure.map { [$0] } ?? [], rescuedFailures: rescued.map { [$0] } ?? [],
                      measurement: measurement)
    }

    /// `count` samples of one check in one environment, 100 ms apart; those whose index is in `failing` failed with
    /// `failure`.
    static func madeUp(check: Int = 0, environment: String, count: Int, failing: Set<Int> = [], failure: Failure = .unavailable,
                       latencyMs: (Int) -> Int? = { 10 + $0 }) -> [Sample] {
        (0..<count).map { index in
            madeUp(check: check, environment: environment, index: index, startedMs: index * 100, latencyMs: latencyMs(index),
                   failure: failing.contains(index) ? failure : nil)
        }
    }
}

extension Failure {
    /// An answer, but the wrong one.
    static let unavailable = Failure(reason: .status, message: "expected status 200, got 503")
    /// No answer at all: nothing listened.
    static let refused = Failure(reason: .connectionRefused, message: "connection refused by 127.0.0.1:1")
}
