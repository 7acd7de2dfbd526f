/// A target's identity: a check (by suite and name) in one environment. It survives a reload, so a target whose
/// check did not change keeps its state.
public struct TargetKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var suite: String
    public var check: String
    public var environment: String

    public init(suite: String, check: String, environment: String) {
        self.suite = suite
        self.check = check
        self.environment = environment
    }

    /// `suite/check [environment]`, as logs and messages name a target.
    public var description: String { "\(suite)/\(check) [\(environment)]" }

    public static func < (a: TargetKey, b: TargetKey) -> Bool {
        (a.suite, a.check, a.environment) < (b.suite, b.check, b.environment)
    }
}
