/// `rollback_logs.rollback_type`: what was rolled back.
public enum RollbackType: String, Sendable, Hashable, CaseIterable, Codable {
    /// Traffic was switched back to blue.
    case traffic
    /// The database was rolled back.
    case database
    /// Both.
    case full
}
