import Foundation

/// `history deployments --since 30d`: the runbook's three numbers over a period.
public struct DeploymentReport: Sendable, Hashable, Codable {
    /// One deployment started in the period, with the rollbacks recorded against it.
    public struct Deployment: Sendable, Hashable, Codable {
        public var record: DeploymentRecord
        /// Rollbacks of this deployment (any time).
        public var rollbacks: Int
    }

    /// One `rollback_logs` row triggered in the period.
    public struct Rollback: Sendable, Hashable, Codable {
        public var id: UUID
        /// Nil for a row the runbook wrote without one.
        public var deploymentID: UUID?
        public var trigger: String
        public var type: RollbackType
        public var triggeredAt: Date
        public var completedAt: Date?
        /// As stored (`rollback_duration_minutes`); nil while not completed.
        public var durationMinutes: Double?
        public var success: Bool?
        public var reason: String?
    }

    public var since: Date
    /// Oldest first.
    public var deployments: [Deployment]
    public var rollbacks: [Rollback]
    public var succeeded: Int
    public var rolledBack: Int
    public var failed: Int
    /// Successful deployments over all deployments in the period; nil without any.
    public var successRate: Double?
    /// The runbook's band for ``successRate``.
    public var band: SuccessRateBand?
    /// Sum of the deployments' downtime.
    public var totalDowntimeMinutes: Double
    /// Mean and worst ``Rollback/durationMinutes`` over the completed rollbacks; nil without any.
    public var meanTimeToRollbackMinutes: Double?
    public var worstTimeToRollbackMinutes: Double?

    /// The runbook's target: a rollback completes in under five minutes.
    public static let rollbackTargetMinutes = 5.0
}

/// The runbook's band for a deployment success rate.
public enum SuccessRateBand: String, Sendable, Hashable, Codable, CaseIterable {
    /// At least 99 %.
    case green
    /// At least 95 %, under 99 %.
    case yellow
    /// Under 95 %.
    case red

    /// The band of a rate between 0 and 1.
    public init(successRate: Double) {
        self = successRate >= 0.99 ? .green : successRate >= 0.95 ? .yellow : .red
    }
}
