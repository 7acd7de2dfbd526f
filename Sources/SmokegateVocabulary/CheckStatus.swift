/// What one check showed in one environment.
public enum CheckStatus: String, Sendable, Hashable, CaseIterable, Codable, CodingKeyRepresentable, CustomStringConvertible {
    /// Every sample passed and every limit held.
    case pass
    /// Passed, but some samples only after a retry.
    case flaky
    /// A sample failed after its retries, a limit was not met, or (in a watch) a watch gate failed.
    case fail
    /// Not selected (`--tag`), or not defined for this environment.
    case skipped
    /// The run was interrupted before the check finished, or a check it depends on failed (`NotRunCause`).
    case notRun = "not_run"

    public var description: String { rawValue }

    /// Whether the check held: pass or flaky.
    public var held: Bool { self == .pass || self == .flaky }
}
