import SmokegateModel
import SmokegateVocabulary

/// How a deployment ended, as deployment runbooks count them (`deployment_total{status}`).
public enum DeploymentStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// The comparison promoted the candidate, or the watched cutover held every gate.
    case succeeded
    /// A watched environment failed a gate (downtime, availability…).
    case failed
    /// The comparison decided rollback, or a watched cutover ended on an older version than it reached.
    case rolledBack = "rolled_back"
    /// The comparison could not decide.
    case held
    /// A signal or the deadline stopped it.
    case interrupted
}

/// One environment's deployment, as a run saw it.
public struct DeploymentOutcome: Sendable, Hashable {
    public var environment: String
    public var status: DeploymentStatus
}

extension RunReport {
    /// The deployments this report judges: a comparison's candidate, or every environment a watch saw. A plain run
    /// tests environments without judging a change between them, and a checkpoint is not final: both judge none.
    public var deployments: [DeploymentOutcome] {
        guard decision != .running, decision != .error else { return [] }
        if let watch {
            guard !watch.checkpoint else { return [] }
            var order: [String] = []
            var statuses: [String: DeploymentStatus] = [:]
            for target in watch.targets {
                if statuses[target.environment] == nil { order.append(target.environment) }
                let status: DeploymentStatus = interrupted ? .interrupted
                    : target.cutover?.rolledBack == true ? .rolledBack
                    : target.gates.contains { !$0.passed } ? .failed : .succeeded
                statuses[target.environment] = Self.worse(statuses[target.environment], status)
            }
            return order.compactMap { name in statuses[name].map { DeploymentOutcome(environment: name, status: $0) } }
        }
        guard let candidate = comparisons?.first?.candidate.environment ?? environments.last?.name, comparisons != nil else { return [] }
        let status: DeploymentStatus? = switch decision {
        case .promote: .succeeded
        case .rollback: .rolledBack
        case .hold: .held
        case .interrupted: .interrupted
        case .pass, .fail, .running, .error: nil
        }
        return status.map { [DeploymentOutcome(environment: candidate, status: $0)] } ?? []
    }

    /// The `alerts.on` decisions this report meets: `fail` for a failed run or watch, `rollback` for a comparison's
    /// rollback or a watched cutover that went back, `hold` for a comparison that could not decide.
    public var alertTriggers: Set<AlertTrigger> {
        var triggers: Set<AlertTrigger> = []
        switch decision {
        case .fail: triggers.insert(.fail)
        case .rollback: triggers.insert(.rollback)
        case .hold: triggers.insert(.hold)
        case .pass, .promote, .interrupted, .running, .error: break
        }
        if watch != nil, deployments.contains(where: { $0.status == .rolledBack }) { triggers.insert(.rollback) }
        return triggers
    }

    /// Of two statuses of one environment's targets, the one that tells more: rolled back over failed over succeeded.
    private static func worse(_ a: DeploymentStatus?, _ b: DeploymentStatus) -> DeploymentStatus {
        let rank: [DeploymentStatus: Int] = [.succeeded: 0, .held: 1, .failed: 2, .rolledBack: 3, .interrupted: 4]
        guard let a else { return b }
        return (rank[a] ?? 0) >= (rank[b] ?? 0) ? a : b
    }
}
