/// A check another check waits for in each environment: it uses values the other captures, or `needs:` it.
public struct CheckDependency: Sendable, Hashable {
    /// Index of the check depended on, in `Suite.checks`.
    public var check: Int
    /// The captures used from it; empty for a plain `needs:`.
    public var captures: [String]

    public init(check: Int, captures: [String]) {
        self.check = check
        self.captures = captures
    }
}
