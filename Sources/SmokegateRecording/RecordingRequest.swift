import Foundation
import SmokegateHistory

/// What the command line asked to be recorded with a run or watch besides its report: labels, the deployment it
/// verifies (`--deployment ID --version V`) and the deployment it rolls back (`--rollback-of ID`).
public struct RecordingRequest: Sendable, Hashable {
    /// `--deployment ID --version V`.
    public struct Deployment: Sendable, Hashable {
        public var id: UUID
        public var version: String

        public init(id: UUID, version: String) {
            self.id = id
            self.version = version
        }
    }

    /// `--rollback-of ID --rollback-trigger NAME --rollback-type T [--triggered-at TIME] [--rollback-reason TEXT]`.
    public struct Rollback: Sendable, Hashable {
        public var deploymentID: UUID
        /// Which rule fired.
        public var trigger: String
        public var type: RollbackType
        /// When the trigger fired; nil means when the watch started.
        public var triggeredAt: Date?
        public var reason: String?

        public init(deploymentID: UUID, trigger: String, type: RollbackType, triggeredAt: Date? = nil, reason: String? = nil) {
            self.deploymentID = deploymentID
            self.trigger = trigger
            self.type = type
            self.triggeredAt = triggeredAt
            self.reason = reason
        }
    }

    public var labels: [String: String]
    public var deployment: Deployment?
    public var rollback: Rollback?

    public init(labels: [String: String] = [:], deployment: Deployment? = nil, rollback: Rollback? = nil) {
        self.labels = labels
        self.deployment = deployment
        self.rollback = rollback
    }

    /// Builds a request from the command line's text, each problem an error naming its option.
    public static func parse(
        labels: [String], environment: [String: String], deployment: String?, version: String?,
        rollbackOf: String?, rollbackTrigger: String?, rollbackType: String?, triggeredAt: String?, rollbackReason: String?
    ) throws -> RecordingRequest {
        var request = RecordingRequest(labels: try HistoryLabels.resolve(arguments: labels, environment: environment))
        switch (deployment, version) {
        case (nil, nil): break
        case (let id?, let version?):
            guard let uuid = UUID(uuidString: id) else { throw RecordingError.deployment("--deployment takes a UUID (deployment_logs.id), got '\(id)'") }
            guard !version.isEmpty else { throw RecordingError.deployment("--version needs a version") }
            request.deployment = Deployment(id: uuid, version: version)
        case (_?, nil): throw RecordingError.deployment("--deployment needs --version V")
        case (nil, _?): throw RecordingError.deployment("--version needs --deployment ID")
        }
        guard let rollbackOf else {
            if rollbackTrigger != nil || rollbackType != nil || triggeredAt != nil || rollbackReason != nil {
                throw RecordingError.rollback("--rollback-trigger, --rollback-type, --triggered-at and --rollback-reason need --rollback-of ID")
            }
            return request
        }
        guard let uuid = UUID(uuidString: rollbackOf) else {
            throw RecordingError.rollback("--rollback-of takes the UUID of the deployment rolled back, got '\(rollbackOf)'")
        }
        guard request.deployment == nil else { throw RecordingError.rollback("--rollback-of cannot be combined with --deployment") }
        guard let rollbackTrigger, !rollbackTrigger.isEmpty else { throw RecordingError.rollback("--rollback-of needs --rollback-trigger NAME (which rule fired)") }
        let types = RollbackType.allCases.map(\.rawValue).joined(separator: ", ")
        guard let type = RollbackType(rawValue: rollbackType ?? RollbackType.traffic.rawValue) else {
            throw RecordingError.rollback("--rollback-type must be one of \(types), got '\(rollbackType ?? "")'")
        }
        var moment: Date?
        if let triggeredAt {
            guard let parsed = ReportTime.parse(triggeredAt) else {
                throw RecordingError.rollback("--triggered-at takes an ISO-8601 UTC moment such as 2026-03-01T12:00:00Z, got '\(triggeredAt)'")
            }
            moment = parsed
        }
        request.rollback = Rollback(deploymentID: uuid, trigger: rollbackTrigger, type: type, triggeredAt: moment, reason: rollbackReason)
        return request
    }
}
