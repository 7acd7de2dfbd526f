import SmokegateCurl

/// A whole run: plan the suite, probe it, decide. The CLI only parses arguments around this.
public struct SuiteRun: Sendable {
    public var suite: Suite
    public var tags: [String]
    public var concurrency: Int
    /// The most the whole run may take; probes still in flight then are cancelled and the report says so.
    public var deadline: Duration?

    public init(suite: Suite, tags: [String], concurrency: Int, deadline: Duration? = nil) {
        self.suite = suite
        self.tags = tags
        self.concurrency = concurrency
        self.deadline = deadline
    }

    /// Probes the suite and returns its report. Cancel the calling task to interrupt: the report then holds what
    /// finished and `interruption()` says why.
    public func execute(engine: CurlEngine, interruption: @escaping @Sendable () -> VerdictBuilder.Interruption?,
                        progress: @escaping @Sendable (Sample, Int, Int) -> Void = { _, _, _ in }) async -> RunReport {
        let selected = Planner.select(suite, tags: tags)
        let jobs = Planner.plan(suite, selected: selected)
        let runner = Runner(suite: suite, concurrency: concurrency, engine: engine)
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
        timer?.cancel()
        let deadlinePassed = await timer?.value ?? false
        var builder = VerdictBuilder(suite: suite, selected: selected, tags: tags, concurrency: concurrency, toolVersion: SmokegateVersion.current)
        builder.deadline = deadline
        let stop: VerdictBuilder.Interruption? = if outcome.interrupted, deadlinePassed {
            .deadline
        } else if outcome.interrupted {
            interruption() ?? .sigint
        } else {
            nil
        }
        return builder.build(outcome, interruption: stop)
    }
}
