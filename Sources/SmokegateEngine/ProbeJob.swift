import SmokegateModel
/// One probe to run: a check, an environment, a sample number and the moment it is due.
public struct ProbeJob: Sendable, Hashable {
    public var check: Int
    public var environment: String
    public var sample: Int
    /// Due time from the run's start; zero means "as soon as a slot is free".
    public var due: Duration

    public init(check: Int, environment: String, sample: Int, due: Duration) {
        self.check = check
        self.environment = environment
        self.sample = sample
        self.due = due
    }
}

/// Expands a suite into probe jobs, in the order they should start.
public enum Planner {
    /// Round-robin over samples, then checks, then environments: sample k of every check comes before sample k+1 of
    /// any, so a check's samples spread over the run, and the environments of one sample sit side by side so they
    /// see the same moment of the network. Checks with an `interval` are due at k × interval; the stable sort keeps
    /// the round-robin order among jobs due at the same time. A chained check's job also waits, in the runner, for
    /// the sample it depends on (`ChainLedger`).
    public static func plan(_ suite: Suite, selected: Set<Int>) -> [ProbeJob] {
        let maxSamples = suite.checks.indices.filter(selected.contains)
            .flatMap { suite.checks[$0].definitions.values.map(\.samples) }.max() ?? 0
        var jobs: [ProbeJob] = []
        for sample in 0..<maxSamples {
            for index in suite.checks.indices where selected.contains(index) {
                let check = suite.checks[index]
                for environment in suite.environments {
                    guard let definition = check.definitions[environment.name], sample < definition.samples else { continue }
                    jobs.append(ProbeJob(check: index, environment: environment.name, sample: sample, due: definition.interval * sample))
                }
            }
        }
        return jobs.enumerated().sorted { a, b in
            a.element.due != b.element.due ? a.element.due < b.element.due : a.offset < b.offset
        }.map(\.element)
    }

    /// The checks a run probes: all, or those carrying one of `tags` with the checks they depend on.
    public static func select(_ suite: Suite, tags: [String]) -> Set<Int> {
        suite.selectedChecks(tags: tags)
    }
}
