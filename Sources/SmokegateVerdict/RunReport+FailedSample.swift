import SmokegateModel

extension RunReport.FailedSample {
    /// A failing sample in detail, its start rounded to 10 µs.
    init(_ sample: Sample) {
        self.init(sample: sample.index, startedMs: (Double(sample.started.microseconds) / 10).rounded() / 100,
                  attempts: sample.attempts, status: sample.measurement.status,
                  latencyMs: sample.measurement.latency.map { Double($0) / 1000 },
                  answeredBy: sample.measurement.answeredBy, failures: sample.failures, httpVersion: sample.measurement.httpVersion)
    }
}
