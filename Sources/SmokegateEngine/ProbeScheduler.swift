import Foundation
import SmokegateModel

/// Probes targets on schedules, open loop, until told to stop or cancelled: the engine of `watch` (every target at
/// one interval, for a while) and of `serve` (each target at its own interval and offset, for ever).
///
/// Open loop: a probe starts at its due time whether or not earlier ones have finished (up to the target's
/// in-flight limit), so a stalled service shows as failures and latency, not as fewer probes. The scheduler keeps
/// only what scheduling needs (each target's next due time and probes in flight); what the probes showed is the
/// caller's to fold, from the events it hears in order.
public struct ProbeScheduler: Sendable {
    /// One check in one environment and its schedule.
    public struct Target: Sendable {
        public var check: Int
        public var environment: String
        /// Time between two probes.
        public var interval: Duration
        /// When the first probe is due, from the start: spreads targets so they do not all fire at once.
        public var offset: Duration
        /// Probes allowed in flight at once; a probe due beyond it is not started (missed).
        public var maxInFlight: Int

        public init(check: Int, environment: String, interval: Duration, offset: Duration = .zero, maxInFlight: Int) {
            self.check = check
            self.environment = environment
            self.interval = interval
            self.offset = offset
            self.maxInFlight = maxInFlight
        }
    }

    /// What happened, in the order the caller should fold it.
    public enum Event: Sendable {
        /// A probe of `target` was due and started; `sequence` counts its started probes from 0.
        case started(target: Int, sequence: Int, due: Duration)
        /// A probe of `target` was due but not started: `maxInFlight` were still running.
        case missed(target: Int, due: Duration)
        /// A probe finished; `sample` is nil when it was cancelled in flight.
        case finished(target: Int, sequence: Int, due: Duration, sample: Sample?)
        /// Every probe due by `at` has been started: a moment to refresh a view or checkpoint.
        case tick(at: Duration)
    }

    /// What the caller wants after an event.
    public enum Control: Sendable {
        case proceed
        /// Start no more probes; those in flight finish (or time out) and are reported.
        case stopScheduling
    }

    public let suite: Suite
    public let targets: [Target]
    /// No probe is started at or after this offset; nil schedules until stopped.
    public let scheduleEnd: Duration?
    let runner: Runner

    public init(suite: Suite, targets: [Target], scheduleEnd: Duration?, prober: Prober) {
        self.suite = suite
        self.targets = targets
        self.scheduleEnd = scheduleEnd
        // The runner's concurrency limit is unused: the scheduler bounds probes per target instead.
        self.runner = Runner(suite: suite, concurrency: 1, prober: prober)
    }

    private enum Wake: Sendable {
        case due
        case finished(target: Int, sequence: Int, due: Duration, sample: Sample?)
        case cancelled
        case stopRequested
    }

    /// Probes until the schedule ends, `handle` says stop, or the task is cancelled, then waits for the probes in
    /// flight (cancelled ones report a nil sample). `handle` runs on this task, so it sees events one at a time.
    /// Every `due` and sample start is counted from `start` on `clock`.
    /// `stop` ends scheduling from outside, as `handle` returning `.stopScheduling` does from inside.
    public func run(clock: ContinuousClock = ContinuousClock(), startingAt start: ContinuousClock.Instant = .now, stop stopSignal: SchedulerStop? = nil,
                    _ handle: (Event) -> Control) async {
        var next = targets.map(\.offset)
        var started = [Int](repeating: 0, count: targets.count)
        var inFlight = [Int](repeating: 0, count: targets.count)
        var probesInFlight = 0
        var scheduling = !targets.isEmpty
        let runner = self.runner
        await withTaskGroup(of: Wake.self) { group in
            // The wait for the next due time runs as its own task, so stopping can end it at once instead of letting
            // the group wait out an interval that may be minutes long.
            var sleeper: Task<Void, any Error>?
            func wakeAt(_ due: Duration) {
                let sleep = Task { try await clock.sleep(until: start + due) }
                sleeper = sleep
                group.addTask {
                    do {
                        try await withTaskCancellationHandler { try await sleep.value } onCancel: { sleep.cancel() }
                        return .due
                    } catch {
                        return .cancelled
                    }
                }
            }
            func stop() {
                scheduling = false
                sleeper?.cancel()
            }
            if scheduling { wakeAt(next.min() ?? .zero) }
            if let stopSignal {
                group.addTask {
                    await stopSignal.wait()
                    return .stopRequested
                }
            }
            while let wake = await group.next() {
                switch wake {
                case .due:
                    guard scheduling else { continue }
                    guard !Task.isCancelled else {
                        stop()
                        continue
                    }
                    let now = clock.now - start
                    // Every target due by now, in target order: at one interval, all of a tick start together.
                    var latest = Duration.zero
                    for index in targets.indices where next[index] <= now {
                        let due = next[index]
                        latest = max(latest, due)
                        next[index] = due + targets[index].interval
                        if let end = scheduleEnd, due >= end { continue }
                        if inFlight[index] >= targets[index].maxInFlight {
                            if handle(.missed(target: index, due: due)) == .stopScheduling { stop() }
                            continue
                        }
                        let sequence = started[index]
                        started[index] += 1
                        inFlight[index] += 1
                        probesInFlight += 1
                        if handle(.started(target: index, sequence: sequence, due: due)) == .stopScheduling { stop() }
                        let job = ProbeJob(check: targets[index].check, environment: targets[index].environment, sample: sequence, due: due)
                        group.addTask {
                            .finished(target: index, sequence: sequence, due: due,
                                      sample: await runner.execute(job, clock: clock, start: start, retrying: false))
                        }
                    }
                    if handle(.tick(at: latest)) == .stopScheduling { stop() }
                    if let end = scheduleEnd, next.allSatisfy({ $0 >= end }) { stop() }
                    if scheduling, let soonest = next.min() { wakeAt(soonest) }
                case .finished(let target, let sequence, let due, let sample):
                    inFlight[target] -= 1
                    probesInFlight -= 1
                    if handle(.finished(target: target, sequence: sequence, due: due, sample: sample)) == .stopScheduling { stop() }
                case .cancelled:
                    if Task.isCancelled { stop() }
                case .stopRequested:
                    stop()
                }
                // Done: nothing scheduled and nothing in flight; the stop signal's waiter is the only task left.
                if !scheduling, probesInFlight == 0 { group.cancelAll() }
            }
        }
    }
}
