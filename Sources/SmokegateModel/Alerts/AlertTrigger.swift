/// A decision of `run` or `watch` that sends an alert (`alerts.on`).
public enum AlertTrigger: String, Sendable, Hashable, CaseIterable, Codable {
    /// A plain run or watch failed.
    case fail
    /// A comparison decided rollback, or a watched cutover went back to the older version.
    case rollback
    /// A comparison could not decide.
    case hold
}
