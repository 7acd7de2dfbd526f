import Foundation

/// `history slo --objective 99.9% --window 30d`: availability and error budget per target.
///
/// Time-based: availability is 1 − downtime / observed time, summed over `serve`'s hourly rollups (hours starting
/// in the window) and watches' per-target results (watches started in the window). Both are counted when both
/// observed a target. The error budget is (1 − objective) × observed time; the burn rate is how fast it is spent,
/// (1 − availability) / (1 − objective): 1 spends exactly the budget over the window, 14.4 spends 2 % of a 30-day
/// budget in an hour.
public struct SLOReport: Sendable, Hashable, Codable {
    public struct Target: Sendable, Hashable, Codable {
        public var target: String
        public var observedSeconds: Double
        public var downtimeSeconds: Double
        public var probes: Int
        public var failedProbes: Int
        /// Nil when the target was never observed.
        public var availability: Double?
        /// Down time the objective allows over the observed time.
        public var errorBudgetSeconds: Double
        /// Budget minus downtime; negative once overspent.
        public var errorBudgetRemainingSeconds: Double
        /// Remaining budget as a fraction of the budget (≤ 0 once spent); nil without observed time.
        public var errorBudgetRemaining: Double?
        /// Nil without observed time.
        public var burnRate: Double?

        /// Computes the figures from the totals.
        public init(target: String, observedSeconds: Double, downtimeSeconds: Double, probes: Int, failedProbes: Int, objective: Double) {
            self.target = target
            self.observedSeconds = observedSeconds
            self.downtimeSeconds = downtimeSeconds
            self.probes = probes
            self.failedProbes = failedProbes
            let budget = (1 - objective) * observedSeconds
            let observed = observedSeconds > 0
            self.availability = observed ? 1 - downtimeSeconds / observedSeconds : nil
            self.errorBudgetSeconds = budget
            self.errorBudgetRemainingSeconds = budget - downtimeSeconds
            self.errorBudgetRemaining = budget > 0 ? (budget - downtimeSeconds) / budget : nil
            self.burnRate = observed ? (downtimeSeconds / observedSeconds) / (1 - objective) : nil
        }
    }

    /// The objective as a fraction, e.g. 0.999.
    public var objective: Double
    public var since: Date
    public var until: Date
    /// Sorted by target.
    public var targets: [Target]
}
