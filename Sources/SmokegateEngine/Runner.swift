import Foundation
import SmokegateModel

/// Runs a suite's probe jobs with a global concurrency limit and collects the samples.
public struct Runner: Sendable {
    public let suite: Suite
    public let concurrency: Int
    let prober: Prober

    public init(suite: Suite, concurrency: Int, prober: Prober) {
        self.suite = suite
        self.concurrency = max(1, concurrency)
        self.prober = prober
    }

    /// Runs `jobs`; on cancellation stops dispatching, cancels probes in flight and returns what finished.
    /// `progress` is called after each sample, from the collecting task only.
    public func run(_ jobs: [ProbeJob], progress: @Sendable (Sample, _ done: Int, _ total: Int) -> Void = { _, _, _ in }) async -> RunOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = Date()
        var samples: [Sample] = []
        samples.reserveCapacity(jobs.count)
        await withTaskGroup(of: Sample?.self) { group in
            var inFlight = 0
            func collect(_ sample: Sample??) {
                inFlight -= 1
                if let sample = sample ?? nil {
                    samples.append(sample)
                    progress(sample, samples.count, jobs.count)
                }
            }
            for job in jobs {
                if Task.isCancelled { break }
                while inFlight >= concurrency { collect(await group.next()) }
                if job.due > .zero {
                    // Open loop: wait for the due time without holding a slot; a late start is recorded, not hidden.
                    do { try await clock.sleep(until: start + job.due) } catch { break }
                }
                inFlight += 1
                group.addTask { await self.execute(job, clock: clock, start: start) }
            }
            while inFlight > 0 { collect(await group.next()) }
        }
        samples.sort { ($0.check, $0.environment, $0.index) < ($1.check, $1.environment, $1.index) }
        return RunOutcome(samples: samples, planned: jobs.count, startedAt: startedAt, finishedAt: Date(),
                       elapsed: clock.now - start, interrupted: Task.isCancelled && samples.count < jobs.count)
    }

    /// One sample: attempts until one passes or the retries run out (with `retrying` off, one attempt). nil when
    /// cancelled.
    func execute(_ job: ProbeJob, clock: ContinuousClock, start: ContinuousClock.Instant, retrying: Bool = true) async -> Sample? {
        guard let definition = suite.checks[job.check].definitions[job.environment] else { return nil }
        let started = clock.now - start
        var rescued: [Failure] = []
        var attempts = 0
        while true {
            attempts += 1
            let result: (failures: [Failure], measurement: ProbeMeasurement)
            do {
                switch definition.probe {
                case .http(let spec):
                    result = try await prober.http.attempt(spec, expectations: definition.expectations, versionSource: definition.versionSource,
                                                           expectedVersion: definition.expectedVersion)
                case .tcp(let spec): result = try await SocketProbes.attempt(spec, expectations: definition.expectations)
                case .postgres(let spec): result = try await SocketProbes.attempt(spec, expectations: definition.expectations)
                case .redis(let spec): result = try await SocketProbes.attempt(spec, expectations: definition.expectations)
                }
            } catch is CancellationError {
                return nil
            } catch {
                // Not the server's doing and not a cancellation: the sample still counts, as smokegate's own fault,
                // rather than silently thinning the samples.
                if Task.isCancelled { return nil }
                result = ([Failure(reason: .internal, message: "smokegate could not complete the probe: \(error)")], ProbeMeasurement())
            }
            let failures = result.failures.map { Failure(reason: $0.reason, message: suite.redactor.redact($0.message)) }
            // The version is text from the response too: a server that echoes a secret into the header `version_from`
            // reads must not carry it into the reports, a metric label or a log line.
            var measurement = result.measurement
            measurement.version = measurement.version.map(suite.redactor.redact)
            if failures.isEmpty || !retrying || attempts > definition.retries {
                return Sample(check: job.check, environment: job.environment, index: job.sample, scheduled: job.due, started: started,
                              attempts: attempts, failures: failures, rescuedFailures: failures.isEmpty ? rescued : [],
                              measurement: measurement)
            }
            rescued += failures
            do { try await Task.sleep(for: definition.retryDelay) } catch { return nil }
        }
    }
}
