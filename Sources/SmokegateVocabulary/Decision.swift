/// What a run, a watch or a checkpoint decided: the word CI pipelines and people read first.
public enum Decision: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// A plain run or a watch: every check and gate held.
    case pass
    /// A plain run or a watch: a check or gate failed.
    case fail
    /// A comparison: the candidate is at least as good as the baseline.
    case promote
    /// A comparison: neither promote nor roll back; a person decides.
    case hold
    /// A comparison: the candidate regressed, or one of its gates failed.
    case rollback
    /// A signal or the deadline stopped the run; the figures so far are reported.
    case interrupted
    /// A watch's checkpoint: the figures so far, not a verdict.
    case running
    /// A configuration or usage error stopped the run before anything was probed.
    case error

    public var description: String { rawValue }

    /// Whether a pipeline may go on: pass or promote.
    public var proceeds: Bool { self == .pass || self == .promote }
}

/// One check's comparison of the candidate with the baseline.
public enum ComparisonDecision: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Within the margins, or beyond them but not distinguishable from noise.
    case pass
    /// A regression beyond the margins, significant after correcting for the run's tests.
    case fail
    /// Too few samples to test, or a requested metric the samples cannot support.
    case inconclusive

    public var description: String { rawValue }
}
