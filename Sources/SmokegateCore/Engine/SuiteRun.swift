import SmokegateCurl

/// A whole run: plan the suite, probe it, decide. The CLI only parses arguments around this.
public struct SuiteRun: Sendable {
    public var suite: Suite
    public var tags: [String]
    public var concurrency: Int

    public init(suite: Suite, tags: [String], concurrency: Int) {
        self.suite = suite
        self.tags = tags
        self.concurrency = concurrency
    }

    /// Probes the suite and returns its report. Cancel the calling task to interrupt: the report then holds what
    /// finished and `interruption()` says why.
    public func execute(engine: CurlEngine, interruption: @Sendable () -> VerdictBuilder.Interruption?,
                        progress: (Sample, Int, Int) -> Void = { _, _, _ in }) async -> RunReport {
        let selected = Planner.select(suite, tags: tags)
        let jobs = Planner.plan(suite, selected: selected)
        let outcome = await Runner(suite: suite, concurrency: concurrency, engine: engine).run(jobs, progress: progress)
        let builder = VerdictBuilder(suite: suite, selected: selected, tags: tags, concurrency: concurrency, toolVersion: SmokegateVersion.current)
        return builder.build(outcome, interruption: outcome.interrupted ? (interruption() ?? .sigint) : nil)
    }
}
