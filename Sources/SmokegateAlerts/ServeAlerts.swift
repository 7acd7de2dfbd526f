import Foundation
import SmokegateModel
import SmokegateStats
import SmokegateVerdict
import Synchronization

/// `serve`'s alerting, wired: monitor snapshots in, incidents kept in an `IncidentStore`, messages out through an
/// `AlertDelivery`. It reads what it needs from snapshots (each target's probe count and its ring of recent probes),
/// so it needs nothing from the monitor but `snapshot()`.
///
/// Use: `restore()` once at start, then `observe(monitor.snapshot())` from one task, every second or so and after
/// each state change the monitor reports; `reload(_:)` when the configuration changes. Probing never waits on it,
/// and it never waits on a receiver: messages are only queued.
public final class ServeAlerts: Sendable {
    private struct State {
        var machine: AlertStateMachine
        var routing: AlertRouting
        var redactor: Redactor
        /// Probes of each target already taken in.
        var seen: [TargetKey: UInt64] = [:]
        var targets: [TargetKey] = []
    }

    private let state: Mutex<State>
    private let store: any IncidentStore
    private let delivery: AlertDelivery
    private let warn: @Sendable (String) -> Void

    /// `suite` gives the alert routing and the redactor; `warn` hears problems with the store.
    public init(suite: Suite, store: any IncidentStore, delivery: AlertDelivery, warn: @escaping @Sendable (String) -> Void) {
        state = Mutex(State(machine: AlertStateMachine(routing: suite.alerts, redactor: suite.redactor), routing: suite.alerts, redactor: suite.redactor))
        self.store = store
        self.delivery = delivery
        self.warn = warn
    }

    /// Takes up the incidents the store holds open: they are not announced again, and resolve when their targets recover.
    public func restore() async throws {
        let open = try await store.openIncidents()
        state.withLock { state in
            state.machine = AlertStateMachine(routing: state.routing, redactor: state.redactor, restoring: open)
        }
    }

    /// A new configuration: its routing from now on; targets it no longer has count as recovered.
    public func reload(_ suite: Suite) {
        state.withLock { state in
            state.routing = suite.alerts
            state.redactor = suite.redactor
            // The next observation hands the machine the new routing, whether or not the targets changed.
            state.targets = []
        }
    }

    /// The incidents open now.
    public var openIncidents: [Incident] { state.withLock { $0.machine.openIncidents } }

    /// Takes in every probe finished since the last call, then what is due at the snapshot's time; stores and queues
    /// what that set off, and returns it.
    @discardableResult
    public func observe(_ snapshot: MonitorSnapshot) async -> [AlertStateMachine.Action] {
        let now = snapshot.takenAt
        let actions = state.withLock { state -> [AlertStateMachine.Action] in
            var actions: [AlertStateMachine.Action] = []
            let keys = snapshot.targets.map(\.key)
            if keys != state.targets {
                state.targets = keys
                state.seen = state.seen.filter { keys.contains($0.key) }
                actions += state.machine.configure(routing: state.routing, redactor: state.redactor, targets: keys, at: now)
            }
            var probes: [AlertStateMachine.Probe] = []
            for target in snapshot.targets {
                let seen = state.seen[target.key] ?? 0
                // Fewer probes than seen: the target was replaced (its check changed) and counts from zero again.
                let new = Int(clamping: target.probes >= seen ? target.probes - seen : target.probes)
                state.seen[target.key] = target.probes
                guard new > 0 else { continue }
                let figures = TargetAlertFigures.serve(target, at: now)
                probes += target.recent.all.suffix(new).map { entry in
                    AlertStateMachine.Probe(key: target.key, at: entry.startedAt, passed: !entry.failed, figures: figures)
                }
            }
            for probe in probes.sorted(by: { $0.at < $1.at }) { actions += state.machine.receive(probe) }
            actions += state.machine.tick(at: now)
            return actions
        }
        for action in actions {
            do {
                switch action.change {
                case .opened: try await store.open(action.incident)
                case .updated: try await store.update(action.incident)
                case .resolved: try await store.resolve(dedupKey: action.incident.dedupKey, at: action.incident.resolvedAt ?? now)
                }
            } catch {
                // Sending matters more than remembering: the message still goes out.
                warn("smokegate: could not store alert incident \(action.incident.dedupKey): \(error)")
            }
            delivery.enqueue(action.message, to: action.destinations)
        }
        return actions
    }
}
