import Foundation
import SmokegateModel
import SmokegateVocabulary

/// A watch at one moment: what every target has shown so far. Reports are built from it, final or checkpoint.
public struct WatchState: Sendable {
    public var plan: WatchPlan
    /// One id for the watch: every checkpoint and the final report carry it.
    public var runID = UUID().uuidString.lowercased()
    public var startedAt: Date
    /// Time since the first probe was due.
    public var elapsed: Duration
    /// When scheduling stopped; nil while the watch runs. Windows still open are counted up to it.
    public var scheduleEnded: Duration?
    public var end: WatchEnd?
    /// When the `until` condition first held.
    public var untilMetAt: Duration?
    public var targets: [TargetState]
    /// Checks in the watch, by index into the suite.
    public var selected: Set<Int>

    /// The state before the first probe: one target per selected check and environment it runs in.
    public init(suite: Suite, plan: WatchPlan, tags: [String]) {
        let selected = suite.selectedChecks(tags: tags)
        var untilVersion: String?
        if case .version(let version, _)? = plan.until { untilVersion = version }
        var targets: [TargetState] = []
        for index in suite.checks.indices where selected.contains(index) {
            for environment in suite.environments {
                guard let definition = suite.checks[index].definitions[environment.name] else { continue }
                targets.append(TargetState(check: index, environment: environment.name,
                                                maxInFlight: plan.maxInFlight(for: definition.probe), untilVersion: untilVersion))
            }
        }
        self.init(plan: plan, startedAt: Date(), elapsed: .zero, targets: targets, selected: selected)
    }

    public init(plan: WatchPlan, startedAt: Date, elapsed: Duration, targets: [TargetState], selected: Set<Int>) {
        self.plan = plan
        self.startedAt = startedAt
        self.elapsed = elapsed
        self.targets = targets
        self.selected = selected
    }

    /// Where open windows are counted to: the schedule's end, or now while it runs.
    public var observedUntil: Duration { scheduleEnded ?? elapsed }

    /// Whether the plan's `until` condition holds now.
    public func untilHolds() -> Bool {
        guard let until = plan.until else { return false }
        switch until {
        case .up(let span):
            return targets.allSatisfy { target in
                guard let since = target.upSince, let last = target.lastStarted else { return false }
                return last - since >= span
            }
        case .version(let version, let span):
            let answered = targets.filter { $0.timeline.hasSeen(version) }
            return !answered.isEmpty && answered.allSatisfy { target in
                guard let since = target.onVersionSince, let last = target.lastStarted else { return false }
                return last - since >= span
            }
        }
    }
}
