import Foundation

/// A row of the runbook's `rollback_logs` table: a switch back to blue after `trigger` fired.
///
/// The duration runs from the trigger until only the old version answers (`completedAt`); the store writes it in
/// minutes, rounded to hundredths as the runbook's `DECIMAL(10, 2)`.
public struct RollbackRecord: Sendable, Hashable, Codable {
    public var id: UUID
    /// The deployment rolled back (`--rollback-of ID`); it must already be recorded.
    public var deploymentID: UUID
    /// Which rule fired.
    public var trigger: String
    public var type: RollbackType
    public var triggeredAt: Date
    /// When only the old version answered again; nil if it never did during the watch.
    public var completedAt: Date?
    /// Nil when the outcome is unknown.
    public var success: Bool?
    public var reason: String?

    /// Creates a rollback row.
    public init(
        id: UUID = UUID(),
        deploymentID: UUID,
        trigger: String,
        type: RollbackType,
        triggeredAt: Date,
        completedAt: Date? = nil,
        success: Bool? = nil,
        reason: String? = nil
    ) {
        self.id = id
        self.deploymentID = deploymentID
        self.trigger = trigger
        self.type = type
        self.triggeredAt = triggeredAt
        self.completedAt = completedAt
        self.success = success
        self.reason = reason
    }

    /// Minutes from the trigger to completion; nil until completed.
    public var durationMinutes: Double? {
        completedAt.map { $0.timeIntervalSince(triggeredAt) / 60 }
    }
}
