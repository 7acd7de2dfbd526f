/// `deployment_logs.deployment_status`: the runbook's three states.
public enum DeploymentStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// The deployment went out and stayed.
    case success
    /// The deployment was rolled back.
    case rollback
    /// The deployment failed.
    case failed

    /// The status from a verdict's decision: `promote` / `pass` → success, `rollback` → rollback, `fail` →
    /// failed; nil for anything else (`hold` decides nothing about the deployment).
    public init?(verdictDecision: String) {
        switch verdictDecision {
        case "promote", "pass": self = .success
        case "rollback": self = .rollback
        case "fail": self = .failed
        default: return nil
        }
    }
}
