/// What produced a run record.
public enum RunKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// One `smokegate run`: checks × environments × samples, then a verdict.
    case run
    /// One `smokegate watch`: probes at a rate for a duration, downtime windows and cutovers.
    case watch
    /// A stretch of `smokegate serve`'s long-running probing.
    case serve
}
