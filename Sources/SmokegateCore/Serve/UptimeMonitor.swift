import Foundation
import SmokegateEngine
import SmokegateModel
import SmokegateStats
import SmokegateVocabulary
import Synchronization

/// `smokegate serve`'s engine room: probes every target of a suite on its own schedule, for ever, folds what comes
/// back into bounded per-target state, swaps in a new configuration on reload (targets that did not change keep
/// their history), and hands out snapshots to whoever reports.
///
/// Open loop, as a watch: a probe starts at its due time whatever earlier ones do, up to the target's in-flight
/// limit. Targets start spread over their interval, by a hash of their name, so a thousand never fire at once and
/// each keeps its phase across restarts.
public final class UptimeMonitor: Sendable {
    /// A target's state changed: what logs (and alerts) tell.
    public struct Event: Sendable {
        public var key: TargetKey
        public var change: MonitoredTarget.Change
    }

    private struct State {
        var suite: Suite
        var tags: [String]
        var loadedAt: Date
        var targets: [TargetKey: MonitoredTarget] = [:]
        var order: [TargetKey] = []
        var pending: (suite: Suite, tags: [String])?
        var lastReload: MonitorSnapshot.Reload?
        var reloadFailures: UInt64 = 0
        var running = false
        var stopping = false
        var scheduler: SchedulerStop?
    }

    private let state: Mutex<State>
    private let startedAt = Date()
    private let events: @Sendable (Event) -> Void

    /// `events` hears every window opening and closing and every version change, on the probing task, in order.
    public init(suite: Suite, tags: [String] = [], events: @escaping @Sendable (Event) -> Void = { _ in }) {
        state = Mutex(State(suite: suite, tags: tags, loadedAt: Date()))
        self.events = events
        state.withLock { state in Self.adopt(&state, suite: suite, tags: tags) }
    }

    /// Probes until `stop()`: through one prober for the whole run, with a new schedule after each reload.
    public func run() async throws {
        try await Prober.with { prober in await run(prober: prober) }
    }

    /// `run` through a prober that is already open.
    public func run(prober: Prober) async {
        while true {
            let stopSignal = SchedulerStop()
            let plan = state.withLock { state -> (Suite, [TargetKey], [ProbeScheduler.Target])? in
                guard !state.stopping else { return nil }
                if let pending = state.pending {
                    Self.adopt(&state, suite: pending.suite, tags: pending.tags)
                    state.pending = nil
                }
                state.running = true
                state.scheduler = stopSignal
                // Keys and schedule entries side by side: the scheduler names targets by their index in its list.
                let scheduled = state.order.compactMap { key in
                    state.targets[key].flatMap { Self.scheduleEntry(for: $0, in: state.suite) }.map { (key, $0) }
                }
                return (state.suite, scheduled.map(\.0), scheduled.map(\.1))
            }
            guard let (suite, keys, schedule) = plan else { break }
            let scheduler = ProbeScheduler(suite: suite, targets: schedule, scheduleEnd: nil, prober: prober)
            let began = Date()
            await scheduler.run(stop: stopSignal) { event in
                let changes = state.withLock { state -> [Event] in
                    switch event {
                    case .started, .tick:
                        return []
                    case .missed(let target, _):
                        state.targets[keys[target]]?.recordMissed()
                        return []
                    case .finished(let target, let sequence, let due, let sample):
                        let startedAt = began.addingTimeInterval((sample?.started ?? due).seconds)
                        let key = keys[target]
                        return (state.targets[key]?.receive(sequence: sequence, sample, startedAt: startedAt) ?? []).map { Event(key: key, change: $0) }
                    }
                }
                for change in changes { events(change) }
                return .proceed
            }
            let again = state.withLock { state -> Bool in
                state.scheduler = nil
                state.running = false
                return !state.stopping && state.pending != nil
            }
            if !again { break }
        }
    }

    /// Stops scheduling for good; probes in flight finish or time out, then `run` returns.
    public func stop() {
        let scheduler = state.withLock { state -> SchedulerStop? in
            state.stopping = true
            return state.scheduler
        }
        scheduler?.stop()
    }

    /// Swaps in a newly loaded configuration: the current schedule drains, then the new one starts.
    public func reload(_ suite: Suite, tags: [String]) {
        let scheduler = state.withLock { state -> SchedulerStop? in
            state.pending = (suite, tags)
            state.lastReload = MonitorSnapshot.Reload(at: Date(), succeeded: true, errors: [])
            return state.scheduler
        }
        scheduler?.stop()
    }

    /// A reload whose configuration did not load: the current one goes on, and the problems are reported.
    public func reloadFailed(_ errors: [String]) {
        state.withLock { state in
            state.lastReload = MonitorSnapshot.Reload(at: Date(), succeeded: false, errors: errors)
            state.reloadFailures += 1
        }
    }

    /// Ready: a configuration is loaded and its schedule runs.
    public var isRunning: Bool { state.withLock { $0.running } }

    public func snapshot(at now: Date = Date()) -> MonitorSnapshot {
        state.withLock { state in
            MonitorSnapshot(takenAt: now, startedAt: startedAt, files: state.suite.files, loadedAt: state.loadedAt, lastReload: state.lastReload,
                            reloadFailures: state.reloadFailures, running: state.running,
                            targets: state.order.compactMap { state.targets[$0] }, suite: state.suite)
        }
    }

    /// Makes `suite` the configuration: a target whose key and fingerprint did not change keeps its history.
    private static func adopt(_ state: inout State, suite: Suite, tags: [String]) {
        var targets: [TargetKey: MonitoredTarget] = [:]
        var order: [TargetKey] = []
        let selected = suite.selectedChecks(tags: tags)
        for index in suite.checks.indices where selected.contains(index) {
            let check = suite.checks[index]
            for environment in suite.environments {
                guard let definition = check.definitions[environment.name] else { continue }
                let key = TargetKey(suite: check.suite, check: check.name, environment: environment.name)
                let interval = definition.every ?? suite.serve?.every ?? ServeSettings.defaultEvery
                let target = suite.redactor.redact(definition.probe.target)
                let fingerprint = "\(definition.probe.kind) \(target) every \(interval)"
                let fresh = MonitoredTarget(key: key, kind: definition.probe.kind, target: target, interval: interval, fingerprint: fingerprint)
                if let previous = state.targets[key], previous.fingerprint == fingerprint {
                    targets[key] = previous.rescheduled()
                } else {
                    targets[key] = fresh
                }
                order.append(key)
            }
        }
        state.suite = suite
        state.tags = tags
        state.loadedAt = Date()
        state.targets = targets
        state.order = order
    }

    /// Where a target sits in the schedule: its interval, an offset within it from a stable hash of its key, and as
    /// many probes in flight as its timeout needs (a probe that hangs must not starve the next).
    private static func scheduleEntry(for target: MonitoredTarget, in suite: Suite) -> ProbeScheduler.Target? {
        guard let index = suite.checks.firstIndex(where: { $0.suite == target.key.suite && $0.name == target.key.check }),
              let definition = suite.checks[index].definitions[target.key.environment]
        else { return nil }
        let interval = target.interval
        let offset = startOffset(for: target.key, every: interval)
        let inFlight = min(64, max(2, Int((definition.probe.timeout.seconds / interval.seconds).rounded(.up)) + 1))
        return ProbeScheduler.Target(check: index, environment: target.key.environment, interval: interval, offset: offset, maxInFlight: inFlight)
    }

    /// Start times sit on a grid of this step (when the interval is a whole number of steps), so the scheduler wakes
    /// once per step for every target due then instead of once per target: at 180 probes a second, a wake-up and a
    /// thread hand-off per probe cost more CPU than the probes. Fine enough that a thousand targets every 10 s still
    /// spread over 400 starting points.
    static let startGrid = Duration.milliseconds(25)

    /// Where in its interval a target first fires: a stable hash of its key, rounded down to the start grid.
    static func startOffset(for key: TargetKey, every interval: Duration) -> Duration {
        let intervalNanoseconds = max(1, interval.nanoseconds)
        let gridNanoseconds = startGrid.nanoseconds
        let hash = stableHash(key.description)
        guard intervalNanoseconds % gridNanoseconds == 0 else { return .nanoseconds(Int64(hash % UInt64(intervalNanoseconds))) }
        let steps = UInt64(intervalNanoseconds / gridNanoseconds)
        return .nanoseconds(Int64(hash % steps) * gridNanoseconds)
    }

    /// FNV-1a: the same name gives the same offset in every process, unlike Swift's seeded `hashValue`.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

extension Duration {
    /// Whole nanoseconds.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
