/// Every `alerts:` block of a configuration, by where it was written.
public struct AlertRouting: Sendable, Hashable {
    /// The suite-wide block (one per configuration).
    public var suite: AlertBlock?
    /// Blocks under `environments: NAME: alerts:`.
    public var environments: [String: AlertBlock]
    /// Blocks of checks, by `suite/name`.
    public var checks: [String: AlertBlock]

    public init(suite: AlertBlock? = nil, environments: [String: AlertBlock] = [:], checks: [String: AlertBlock] = [:]) {
        self.suite = suite
        self.environments = environments
        self.checks = checks
    }

    /// Whether any block exists.
    public var isEmpty: Bool { suite == nil && environments.isEmpty && checks.isEmpty }

    /// The policy for one target: the suite's block, then its environment's, then its check's.
    public func policy(for key: TargetKey) -> AlertPolicy {
        AlertPolicy()
            .overridden(by: suite, scope: "suite")
            .overridden(by: environments[key.environment], scope: "environment \(key.environment)")
            .overridden(by: checks["\(key.suite)/\(key.check)"], scope: "check \(key.suite)/\(key.check)")
    }

    /// The policy for a whole run in `environments`: the suite's block, then each environment's in turn (the run's
    /// message goes to every destination any of them names).
    public func policy(forRunIn environments: [String]) -> AlertPolicy {
        var policy = AlertPolicy().overridden(by: suite, scope: "suite")
        for name in environments {
            guard let block = self.environments[name], block.enabled != false else { continue }
            let own = policy.overridden(by: block, scope: "environment \(name)")
            for destination in own.destinations where !policy.destinations.contains(destination) { policy.destinations.append(destination) }
            for trigger in own.on where !policy.on.contains(trigger) { policy.on.append(trigger) }
            policy.link = policy.link ?? own.link
            policy.template = policy.template == AlertTemplate() ? own.template : policy.template
        }
        return policy
    }
}
