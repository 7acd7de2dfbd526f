/// The severities PagerDuty's Events API v2 accepts.
public enum PagerDutySeverity: String, Sendable, Hashable, CaseIterable, Codable {
    case critical, error, warning, info
}
