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

    /// A sample as the run collects it, with what it hands on to the checks that wait for it.
    struct Finished: Sendable {
        var sample: Sample
        var output: ChainOutput
    }

    /// Runs `jobs`; on cancellation stops dispatching, cancels probes in flight and returns what finished.
    /// `progress` is called after each sample, from the collecting task only.
    ///
    /// A job of a chained check waits, without a slot, until the sample it depends on has finished (`ChainLedger`):
    /// jobs behind it keep their order and start meanwhile. When that sample failed, the job is not run.
    public func run(_ jobs: [ProbeJob], progress: @Sendable (Sample, _ done: Int, _ total: Int) -> Void = { _, _, _ in }) async -> RunOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = Date()
        var samples: [Sample] = []
        samples.reserveCapacity(jobs.count)
        var ledger = ChainLedger(suite: suite, jobs: jobs)
        var blocked: [BlockedProbe] = []
        await withTaskGroup(of: Finished?.self) { group in
            var inFlight = 0
            var waiting: [ProbeJob] = []
            func collect(_ finished: Finished??) {
                inFlight -= 1
                guard let finished = finished ?? nil else { return }
                ledger.record(finished.sample, output: finished.output)
                samples.append(redacted(finished.sample, with: ledger.redactor))
                progress(samples.last ?? finished.sample, samples.count, jobs.count)
            }
            // Starts the job when what it waits for has passed, records it as not run when that failed; false while waiting.
            func dispatch(_ job: ProbeJob) -> Bool {
                switch ledger.readiness(of: job) {
                case .ready(let input):
                    inFlight += 1
                    group.addTask { await self.execute(job, clock: clock, start: start, input: input) }
                    return true
                case .blocked(let probe):
                    ledger.record(probe)
                    blocked.append(probe)
                    return true
                case .waiting:
                    return false
                }
            }
            // Waiting jobs came earlier in the plan than any not yet looked at: they go first when a slot is free.
            func release() {
                var index = 0
                while index < waiting.count, inFlight < concurrency {
                    if dispatch(waiting[index]) { waiting.remove(at: index) } else { index += 1 }
                }
            }
            for job in jobs {
                if Task.isCancelled { break }
                release()
                while inFlight >= concurrency {
                    collect(await group.next())
                    release()
                }
                if job.due > .zero {
                    // Open loop: wait for the due time without holding a slot; a late start is recorded, not hidden.
                    do { try await clock.sleep(until: start + job.due) } catch { break }
                }
                if !dispatch(job) { waiting.append(job) }
            }
            while inFlight > 0 || !waiting.isEmpty {
                if !Task.isCancelled { release() }
                // Nothing in flight can release what still waits: only a cancelled run gets here with jobs left.
                guard inFlight > 0 else { break }
                collect(await group.next())
            }
        }
        // Values captured late may have reached earlier messages (a server echoing a token): mask them all at the end.
        samples = samples.map { redacted($0, with: ledger.redactor) }.sorted { ($0.check, $0.environment, $0.index) < ($1.check, $1.environment, $1.index) }
        var outcome = RunOutcome(samples: samples, planned: jobs.count, startedAt: startedAt, finishedAt: Date(),
                                 elapsed: clock.now - start, interrupted: Task.isCancelled && samples.count + blocked.count < jobs.count)
        outcome.blocked = blocked
        return outcome
    }

    private func redacted(_ sample: Sample, with redactor: Redactor) -> Sample {
        var sample = sample
        sample.failures = sample.failures.map { Failure(reason: $0.reason, message: redactor.redact($0.message)) }
        sample.rescuedFailures = sample.rescuedFailures.map { Failure(reason: $0.reason, message: redactor.redact($0.message)) }
        return sample
    }

    /// One sample: attempts until one passes or the retries run out (with `retrying` off, one attempt). nil when
    /// cancelled.
    func execute(_ job: ProbeJob, clock: ContinuousClock, start: ContinuousClock.Instant, retrying: Bool = true) async -> Sample? {
        await execute(job, clock: clock, start: start, retrying: retrying, input: ChainInput())?.sample
    }

    func execute(_ job: ProbeJob, clock: ContinuousClock, start: ContinuousClock.Instant, retrying: Bool = true, input: ChainInput) async -> Finished? {
        guard let definition = suite.checks[job.check].definitions[job.environment] else { return nil }
        let started = clock.now - start
        var rescued: [Failure] = []
        var attempts = 0
        while true {
            attempts += 1
            var result: HTTPProbe.Attempt
            do {
                switch definition.probe {
                case .http(let spec):
                    result = try await prober.http.attempt(spec, expectations: definition.expectations, versionSource: definition.versionSource,
                                                           expectedVersion: definition.expectedVersion, captures: definition.captures, input: input)
                case .tcp(let spec): result = HTTPProbe.Attempt(try await SocketProbes.attempt(spec, expectations: definition.expectations))
                case .postgres(let spec): result = HTTPProbe.Attempt(try await SocketProbes.attempt(spec, expectations: definition.expectations))
                case .redis(let spec): result = HTTPProbe.Attempt(try await SocketProbes.attempt(spec, expectations: definition.expectations))
                case .dns(let spec):
                    result = try await DNSCheckProbe.attempt(spec, expectations: definition.expectations, versionSource: definition.versionSource,
                                                             expectedVersion: definition.expectedVersion)
                case .grpc(let request):
                    result = try await GRPCCheckProbe.attempt(request, expectations: definition.expectations, engine: prober.http.engine)
                }
            } catch is CancellationError {
                return nil
            } catch {
                // Not the server's doing and not a cancellation: the sample still counts, as smokegate's own fault,
                // rather than silently thinning the samples.
                if Task.isCancelled { return nil }
                result = HTTPProbe.Attempt(failures: [Failure(reason: .internal, message: "smokegate could not complete the probe: \(error)")],
                                           measurement: ProbeMeasurement())
            }
            // The attempt's own captures are masked in its messages too: a failing login may quote the token it got.
            var redactor = suite.redactor
            for secret in result.output.secrets { redactor.add(secret) }
            let failures = result.failures.map { Failure(reason: $0.reason, message: redactor.redact($0.message)) }
            // The version is text from the response too: a server that echoes a secret into the header `version_from`
            // reads must not carry it into the reports, a metric label or a log line.
            var measurement = result.measurement
            measurement.version = measurement.version.map(redactor.redact)
            if failures.isEmpty || !retrying || attempts > definition.retries {
                let sample = Sample(check: job.check, environment: job.environment, index: job.sample, scheduled: job.due, started: started,
                                    attempts: attempts, failures: failures, rescuedFailures: failures.isEmpty ? rescued : [],
                                    measurement: measurement)
                return Finished(sample: sample, output: result.output)
            }
            rescued += failures
            do { try await Task.sleep(for: definition.retryDelay) } catch { return nil }
        }
    }
}
