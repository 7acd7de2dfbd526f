import Foundation

/// A row of the runbook's `deployment_logs` table.
///
/// `downtimeMinutes` is `DECIMAL(10, 2)` in the runbook: the store rounds it to hundredths.
public struct DeploymentRecord: Sendable, Hashable, Codable {
    /// `--deployment ID`: the row's primary key, which `rollback_logs.deployment_id` refers to.
    public var id: UUID
    /// `--version V`.
    public var version: String
    public var status: DeploymentStatus
    public var startedAt: Date
    public var completedAt: Date?
    public var rollbackReason: String?
    public var downtimeMinutes: Double
    /// When downtime was first seen; nil without downtime.
    public var downtimeDetectedAt: Date?

    /// Creates a deployment row.
    public init(
        id: UUID,
        version: String,
        status: DeploymentStatus,
        startedAt: Date,
        completedAt: Date? = nil,
        rollbackReason: String? = nil,
        downtimeMinutes: Double = 0,
        downtimeDetectedAt: Date? = nil
    ) {
        self.id = id
        self.version = version
        self.status = status
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.rollbackReason = rollbackReason
        self.downtimeMinutes = downtimeMinutes
        self.downtimeDetectedAt = downtimeDetectedAt
    }

    /// Downtime as the runbook counts it from a watch's windows: their total in minutes and when the first began.
    public static func downtime(of windows: [DowntimeWindowRecord]) -> (minutes: Double, detectedAt: Date?) {
        let seconds = windows.reduce(0) { $0 + max(0, $1.durationSeconds) }
        return (seconds / 60, windows.map(\.startedAt).min())
    }
}
