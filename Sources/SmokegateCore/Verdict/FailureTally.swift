/// Distinct failures with how often each occurred and the first sample it occurred in, for a check's result.
struct FailureTally: Sendable {
    private var groups: [Failure: (count: Int, first: Int)] = [:]
    /// Distinct failures kept; later new ones are not grouped (a long watch must not grow without bound).
    private let limit: Int

    init(limit: Int = .max) {
        self.limit = limit
    }

    mutating func add(_ failures: [Failure], sample: Int) {
        for failure in failures {
            if let existing = groups[failure] {
                groups[failure] = (existing.count + 1, min(existing.first, sample))
            } else if groups.count < limit {
                groups[failure] = (1, sample)
            }
        }
    }

    /// Most frequent first, then earliest, then by text: the same samples always name the same failure first.
    var sorted: [RunReport.FailureGroup] {
        groups.map { RunReport.FailureGroup(reason: $0.key.reason, message: $0.key.message, count: $0.value.count, firstSample: $0.value.first) }
            .sorted { ($1.count, $0.firstSample, $0.reason, $0.message) < ($0.count, $1.firstSample, $1.reason, $1.message) }
    }
}

extension RunReport.FailedSample {
    /// A failing sample in detail, its start rounded to 10 µs.
    init(_ sample: Sample) {
        self.init(sample: sample.index, startedMs: (Double(sample.started.microseconds) / 10).rounded() / 100,
                  attempts: sample.attempts, status: sample.measurement.status,
                  latencyMs: sample.measurement.latency.map { Double($0) / 1000 },
                  answeredBy: sample.measurement.answeredBy, failures: sample.failures)
    }
}
