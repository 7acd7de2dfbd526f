import Foundation
import SmokegateEngine
import SmokegateModel
import SmokegateReports
import SmokegateStats
import SmokegateVerdict
import SmokegateVocabulary

/// A whole watch: probe every target at the plan's rate until its duration ends, its `until` condition holds or the
/// task is cancelled; fold what comes back; checkpoint the reports while watching; decide at the end.
public struct WatchSession: Sendable {
    public var suite: Suite
    public var plan: WatchPlan
    public var tags: [String]
    /// Where checkpoints are written while watching; nil writes none.
    public var checkpoints: ReportDestination?
    public let builder: WatchVerdictBuilder
    /// Given, it keeps the watch's latencies per target for the history.
    public var latencyCapture: LatencyCapture?

    public init(suite: Suite, plan: WatchPlan, tags: [String], checkpoints: ReportDestination?, toolVersion: String = SmokegateVersion.current) {
        self.suite = suite
        self.plan = plan
        self.tags = tags
        self.checkpoints = checkpoints
        self.builder = WatchVerdictBuilder(suite: suite, tags: tags, toolVersion: toolVersion)
    }

    /// What a view hears while the watch runs, on the watching task, in order.
    public struct Observer {
        /// A window opened or closed, or another version answered.
        public var event: (WatchEvent, WatchState) -> Void
        /// Every probe due by now has started: a moment to redraw.
        public var tick: (WatchState) -> Void
        /// A checkpoint could not be written (said once; the watch goes on).
        public var checkpointFailed: (any Error) -> Void

        public init(event: @escaping (WatchEvent, WatchState) -> Void = { _, _ in }, tick: @escaping (WatchState) -> Void = { _ in },
                    checkpointFailed: @escaping (any Error) -> Void = { _ in }) {
            self.event = event
            self.tick = tick
            self.checkpointFailed = checkpointFailed
        }
    }

    /// The state before the first probe, for a view's first lines.
    public func initialState() -> WatchState { WatchState(suite: suite, plan: plan, tags: tags) }

    /// Every target's figures and gate results: what a live view shows, without building a whole report.
    public func targets(_ state: WatchState) -> [WatchReport.Target] { builder.targets(state) }

    /// Watches and returns the final report; cancel the calling task to interrupt (`signal()` says which signal).
    public func run(signal: @escaping @Sendable () -> Interruption? = { nil }, observer: Observer = Observer()) async throws -> RunReport {
        try await Prober.with { prober in await run(prober: prober, signal: signal, observer: observer) }
    }

    /// `run` through a prober that is already open.
    public func run(prober: Prober, signal: @escaping @Sendable () -> Interruption?, observer: Observer) async -> RunReport {
        let state = await observe(prober: prober, observer: observer)
        latencyCapture?.keep(watch: state, of: suite)
        let interruption = Interruption.resolve(cutShort: state.end == .interrupted, deadlinePassed: false, signal: signal())
        return builder.build(state, checkpoint: false, interruption: interruption)
    }

    /// Probes and folds until the watch ends, and returns what it saw: the report's source.
    public func observe(prober: Prober, observer: Observer = Observer()) async -> WatchState {
        var state = initialState()
        let schedule = state.targets.map { target in
            ProbeScheduler.Target(check: target.check, environment: target.environment, interval: plan.interval, maxInFlight: target.maxInFlight)
        }
        let scheduler = ProbeScheduler(suite: suite, targets: schedule, scheduleEnd: plan.duration, prober: prober)
        let clock = ContinuousClock()
        let start = clock.now
        state.startedAt = Date()
        var lastCheckpoint = start
        var checkpointFailed = false
        var scheduling = true
        func stop(_ end: WatchEnd, at ended: Duration? = nil) {
            guard scheduling else { return }
            scheduling = false
            state.end = end
            state.scheduleEnded = ended ?? clock.now - start
        }
        await scheduler.run(clock: clock, startingAt: start) { event in
            state.elapsed = clock.now - start
            switch event {
            case .started(let target, _, _):
                state.targets[target].started()
            case .missed(let target, _):
                state.targets[target].missedOne()
            case .finished(let target, let sequence, let due, let sample):
                for change in state.targets[target].receive(sequence: sequence, sample, due: due, target: target) { observer.event(change, state) }
                if scheduling, state.untilMetAt == nil, state.untilHolds() {
                    state.untilMetAt = state.elapsed
                    stop(.until)
                }
            case .tick(let at):
                if Task.isCancelled { stop(.interrupted) }
                // The last probe stands for its whole slot: the watch observed up to the planned end.
                if at + plan.interval >= plan.duration { stop(.duration, at: plan.duration) }
                observer.tick(state)
                if let checkpoints, clock.now - lastCheckpoint >= plan.checkpointEvery {
                    lastCheckpoint = clock.now
                    do {
                        _ = try checkpoints.write(builder.build(state, checkpoint: true, interruption: nil))
                    } catch {
                        if !checkpointFailed { observer.checkpointFailed(error) }
                        checkpointFailed = true
                    }
                }
            }
            return scheduling ? .proceed : .stopScheduling
        }
        state.elapsed = clock.now - start
        // A signal, also one arriving while the last probes drain: probes cut short were not counted.
        if Task.isCancelled { state.end = .interrupted }
        state.scheduleEnded = state.scheduleEnded ?? state.elapsed
        state.end = state.end ?? .duration
        return state
    }
}
