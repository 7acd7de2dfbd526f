/// A probe the run did not send: the check it depends on failed (or was itself not run) for the sample it waits for.
public struct BlockedProbe: Sendable, Hashable {
    public var check: Int
    public var environment: String
    public var sample: Int
    /// The check depended on, and the captures it should have made (empty for `needs:`).
    public var dependency: CheckDependency
    /// Whether that check's sample ran and failed (false: it was not run either).
    public var dependencyFailed: Bool

    public init(check: Int, environment: String, sample: Int, dependency: CheckDependency, dependencyFailed: Bool) {
        self.check = check
        self.environment = environment
        self.sample = sample
        self.dependency = dependency
        self.dependencyFailed = dependencyFailed
    }
}
