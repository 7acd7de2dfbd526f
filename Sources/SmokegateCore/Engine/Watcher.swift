import Foundation
import SmokegateCurl

/// Probes every target of a suite at a fixed rate until the plan's duration ends, its `until` condition holds or
/// the calling task is cancelled, folding results as they come.
///
/// Scheduling is open loop: a probe starts at its due time whether or not earlier ones have finished (up to the
/// target's in-flight limit), so a stalled service shows as failures and latency, not as fewer probes.
public struct Watcher: Sendable {
    public let suite: Suite
    public let plan: WatchPlan
    public let tags: [String]
    let runner: Runner

    public init(suite: Suite, plan: WatchPlan, tags: [String], engine: CurlEngine) {
        self.suite = suite
        self.plan = plan
        self.tags = tags
        // The runner's concurrency limit is unused: the watch bounds probes per target instead.
        self.runner = Runner(suite: suite, concurrency: 1, engine: engine)
    }

    private enum Event: Sendable {
        case tick(Int)
        case probe(target: Int, sequence: Int, due: Duration, Sample?)
        case stopped
    }

    /// Watches until done and returns the final state. `onEvent` hears of windows opening and closing and of
    /// version changes as they are known; `onTick` gets the state at every tick, to refresh a view or checkpoint.
    /// Both run on the collecting task, so they see states in order.
    public func run(onEvent: (WatchEvent, WatchState) -> Void = { _, _ in },
                    onTick: (WatchState) -> Void = { _ in }) async -> WatchState {
        var state = WatchState(suite: suite, plan: plan, tags: tags)
        let clock = ContinuousClock()
        let start = clock.now
        state.startedAt = Date()
        let runner = self.runner
        await withTaskGroup(of: Event.self) { group in
            var scheduling = true
            func stop(_ end: WatchState.End, at ended: Duration? = nil) {
                guard scheduling else { return }
                scheduling = false
                state.end = end
                state.scheduleEnded = ended ?? clock.now - start
            }
            group.addTask { .tick(0) }
            while let event = await group.next() {
                state.elapsed = clock.now - start
                switch event {
                case .tick(let tick):
                    guard scheduling else { continue }
                    guard !Task.isCancelled else {
                        stop(.interrupted)
                        continue
                    }
                    let due = plan.interval * tick
                    for index in state.targets.indices {
                        guard state.targets[index].inFlight < state.targets[index].maxInFlight else {
                            state.targets[index].scheduled += 1
                            state.targets[index].missed += 1
                            continue
                        }
                        let sequence = state.targets[index].scheduled - state.targets[index].missed
                        state.targets[index].scheduled += 1
                        state.targets[index].inFlight += 1
                        state.targets[index].peakInFlight = max(state.targets[index].peakInFlight, state.targets[index].inFlight)
                        let job = ProbeJob(check: state.targets[index].check, environment: state.targets[index].environment, sample: sequence, due: due)
                        group.addTask {
                            .probe(target: index, sequence: sequence, due: due, await runner.execute(job, clock: clock, start: start, retrying: false))
                        }
                    }
                    let next = plan.interval * (tick + 1)
                    if next < plan.duration {
                        group.addTask {
                            do {
                                try await clock.sleep(until: start + next)
                                return .tick(tick + 1)
                            } catch {
                                return .stopped
                            }
                        }
                    } else {
                        // The last probe stands for its whole slot: the watch observed up to the planned end.
                        stop(.duration, at: plan.duration)
                    }
                    onTick(state)
                case .probe(let target, let sequence, let due, let sample):
                    let events = state.targets[target].receive(sequence: sequence, sample, due: due, target: target)
                    for event in events { onEvent(event, state) }
                    if scheduling, state.untilMetAt == nil, state.untilHolds() {
                        state.untilMetAt = state.elapsed
                        stop(.until)
                    }
                case .stopped:
                    stop(.interrupted)
                }
            }
        }
        state.elapsed = clock.now - start
        if Task.isCancelled {
            // A signal, also one arriving while the last probes drain: probes cut short were not counted.
            state.end = .interrupted
        }
        state.scheduleEnded = state.scheduleEnded ?? state.elapsed
        state.end = state.end ?? .duration
        return state
    }
}
