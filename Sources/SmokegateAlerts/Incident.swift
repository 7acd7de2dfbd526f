import Foundation
import SmokegateModel

/// An alert incident: targets of one environment (and one alert routing) failing together, from the message that
/// opened it to the one that resolved it. Its `dedupKey` is what PagerDuty and webhook receivers know it by, so a
/// restarted `serve` that finds it open carries on with the same key.
public struct Incident: Sendable, Hashable, Codable {
    /// `smokegate/serve/ENVIRONMENT`, or `smokegate/serve/ENVIRONMENT/SUITE/CHECK` for a check with its own alert routing.
    public var dedupKey: String
    public var environment: String
    /// The alert routing the incident follows (`AlertPolicy.scope`).
    public var scope: String
    /// Every target that joined, in the order they did.
    public var targets: [TargetKey]
    public var openedAt: Date
    /// When the last message about it went out (the opening one, more targets, a reminder).
    public var lastNotifiedAt: Date
    public var resolvedAt: Date?

    public init(dedupKey: String, environment: String, scope: String, targets: [TargetKey], openedAt: Date, lastNotifiedAt: Date, resolvedAt: Date? = nil) {
        self.dedupKey = dedupKey
        self.environment = environment
        self.scope = scope
        self.targets = targets
        self.openedAt = openedAt
        self.lastNotifiedAt = lastNotifiedAt
        self.resolvedAt = resolvedAt
    }

    /// The key of the incident a target's failures belong to under `policy`: one per environment, unless the
    /// target's check routes its alerts on its own.
    public static func dedupKey(for key: TargetKey, scope: String) -> String {
        scope.hasPrefix("check ") ? "smokegate/serve/\(key.environment)/\(key.suite)/\(key.check)" : "smokegate/serve/\(key.environment)"
    }
}
