import SmokegateEngine
import SmokegateModel
import SmokegateVerdict
import SmokegateVocabulary

/// A whole run: plan the suite, probe it, decide. The executable only parses arguments and writes outputs around it.
public struct SuiteRun: Sendable {
    public var suite: Suite
    public var tags: [String]
    public var concurrency: Int
    /// The most the whole run may take; probes still in flight then are cancelled and the report says so.
    public var deadline: Duration?
    public var toolVersion: String
    /// Given, it keeps the run's latencies per target for the history.
    public var latencyCapture: LatencyCapture?

    public init(suite: Suite, tags: [String], concurrency: Int, deadline: Duration? = nil, toolVersion: String = SmokegateVersion.current) {
        self.suite = suite
        self.tags = tags
        self.concurrency = concurrency
        self.deadline = deadline
        self.toolVersion = toolVersion
    }

    /// Probes the suite and returns its report. Cancel the calling task to interrupt: the report then holds what
    /// finished, and `signal()` says which signal did it.
    public func execute(signal: @escaping @Sendable () -> Interruption? = { nil },
                        progress: @escaping @Sendable (Sample, Int, Int) -> Void = { _, _, _ in }) async throws -> RunReport {
        try await Prober.with { prober in await execute(prober: prober, signal: signal, progress: progress) }
    }

    /// `execute` through a prober that is already open.
    public func execute(prober: Prober, signal: @escaping @Sendable () -> Interruption? = { nil },
                        progress: @escaping @Sendable (Sample, Int, Int) -> Void = { _, _, _ in }) async -> RunReport {
        let selected = suite.selectedChecks(tags: tags)
        let jobs = Planner.plan(suite, selected: selected)
        let runner = Runner(suite: suite, concurrency: concurrency, prober: prober)
        let runTask = Task { await runner.run(jobs, progress: progress) }
        // The timer says whether it was the one that stopped the run: false when cancelled before its time.
        let timer = deadline.map { deadline in
            Task {
                do { try await Task.sleep(for: deadline) } catch { return false }
                runTask.cancel()
                return true
            }
        }
        // The runner stops dispatching once cancelled, cancels the probes in flight and returns what finished.
        let outcome = await withTaskCancellationHandler { await runTask.value } onCancel: { runTask.cancel() }
        latencyCapture?.keep(samples: outcome.samples, of: suite)
        timer?.cancel()
        let deadlinePassed = await timer?.value ?? false
        var builder = VerdictBuilder(suite: suite, selected: selected, tags: tags, concurrency: concurrency, toolVersion: toolVersion)
        builder.deadline = deadline
        return builder.build(outcome, interruption: Interruption.resolve(cutShort: outcome.interrupted, deadlinePassed: deadlinePassed, signal: signal()))
    }
}
