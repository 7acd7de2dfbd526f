/// A loaded, validated configuration: the environments to run, the checks and the run's gates.
public struct Suite: Sendable {
    /// The environments selected for this run, in the order given (`--env blue --env green`) or defined.
    public var environments: [Environment]
    /// Every check, in file order.
    public var checks: [Check]
    /// Limits over all samples of an environment (`error_rate < 1%`, `p95 < 500ms`).
    public var gates: [Gate]
    /// The files read.
    public var files: [String]
    /// Values that came from secrets (`${env:…}`); reporters show them as `***`.
    public var redactor: Redactor
    /// Set when the run compares a candidate against a baseline.
    public var comparison: ComparisonPolicy?
    /// The suite's `watch:` block, read by `smokegate watch`.
    public var watch: WatchSettings?
    /// The suite's `serve:` block, read by `smokegate serve`.
    public var serve: ServeSettings?
    /// Every `alerts:` block: where messages go when a run, a watch or a served target fails.
    public var alerts = AlertRouting()
    /// What loads but will not do what it seems to (a compared percentile the samples cannot support).
    public var warnings: [ConfigError] = []

    public init(environments: [Environment], checks: [Check], gates: [Gate], files: [String], redactor: Redactor) {
        self.environments = environments
        self.checks = checks
        self.gates = gates
        self.files = files
        self.redactor = redactor
    }
}

extension Suite {
    /// The checks a run probes, by index: all, or those carrying one of `tags` with the checks they depend on.
    public func selectedChecks(tags: [String]) -> Set<Int> {
        var selected = Set(checks.indices.filter { tags.isEmpty || !Set(checks[$0].tags).isDisjoint(with: tags) })
        var pending = Array(selected)
        while let index = pending.popLast() {
            for dependency in checks[index].dependencies where selected.insert(dependency.check).inserted { pending.append(dependency.check) }
        }
        return selected
    }
}

/// A run-wide limit, evaluated per environment.
public struct Gate: Sendable, Hashable {
    public var threshold: Threshold
    public var location: SourceLocation

    public init(threshold: Threshold, location: SourceLocation) {
        self.threshold = threshold
        self.location = location
    }
}
