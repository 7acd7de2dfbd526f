/// The alert settings that hold for one target (a check in an environment), or for a run: the suite's `alerts:`
/// block overridden by the environment's and then the check's.
public struct AlertPolicy: Sendable, Hashable {
    public static let defaultTriggers: [AlertTrigger] = [.fail, .rollback, .hold]
    public static let defaultFailureThreshold = 3
    public static let defaultSuccessThreshold = 2
    public static let defaultGroupWithin: Duration = .seconds(30)

    public var enabled: Bool
    public var on: [AlertTrigger]
    public var failureThreshold: Int
    public var successThreshold: Int
    /// nil sends no reminders.
    public var reminderEvery: Duration?
    public var groupWithin: Duration
    public var link: String?
    public var template: AlertTemplate
    /// The providers messages go to; empty sends nothing.
    public var destinations: [AlertDestination]
    /// Which block chose the destinations: `suite`, `environment NAME` or `check SUITE/NAME`. Targets of one
    /// environment are grouped, and share an incident, only when this is the same: a check routed elsewhere alerts alone.
    public var scope: String

    public init(enabled: Bool = true, on: [AlertTrigger] = AlertPolicy.defaultTriggers, failureThreshold: Int = AlertPolicy.defaultFailureThreshold,
                successThreshold: Int = AlertPolicy.defaultSuccessThreshold, reminderEvery: Duration? = nil,
                groupWithin: Duration = AlertPolicy.defaultGroupWithin, link: String? = nil, template: AlertTemplate = AlertTemplate(),
                destinations: [AlertDestination] = [], scope: String = "suite") {
        self.enabled = enabled
        self.on = on
        self.failureThreshold = failureThreshold
        self.successThreshold = successThreshold
        self.reminderEvery = reminderEvery
        self.groupWithin = groupWithin
        self.link = link
        self.template = template
        self.destinations = destinations
        self.scope = scope
    }

    /// Whether anything is sent at all.
    public var sends: Bool { enabled && !destinations.isEmpty }

    /// `self` with the keys `block` sets; providers are replaced one by one (a check's `slack:` replaces the suite's
    /// Slack webhook and keeps its PagerDuty).
    public func overridden(by block: AlertBlock?, scope blockScope: String) -> AlertPolicy {
        guard let block else { return self }
        var policy = self
        policy.enabled = block.enabled ?? enabled
        policy.on = block.on ?? on
        policy.failureThreshold = block.failureThreshold ?? failureThreshold
        policy.successThreshold = block.successThreshold ?? successThreshold
        if let every = block.reminderEvery { policy.reminderEvery = every == .zero ? nil : every }
        policy.groupWithin = block.groupWithin ?? groupWithin
        policy.link = block.link ?? link
        if let template = block.template {
            policy.template = AlertTemplate(text: template.text ?? self.template.text,
                                            byKind: self.template.byKind.merging(template.byKind) { $1 })
        }
        if !block.destinations.isEmpty {
            var destinations = self.destinations
            for destination in block.destinations {
                destinations.removeAll { $0.provider == destination.provider }
                destinations.append(destination)
            }
            policy.destinations = destinations.sorted { Self.order($0) < Self.order($1) }
            policy.scope = blockScope
        }
        return policy
    }

    private static func order(_ destination: AlertDestination) -> Int {
        switch destination {
        case .slack: 0
        case .webhook: 1
        case .pagerDuty: 2
        }
    }
}
