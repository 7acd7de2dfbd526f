import Foundation
import Synchronization

/// Runs a fuzz session on a thread of its own and notices an execution that outlives its deadline.
///
/// The loader is synchronous and cannot be cancelled, so a hung execution is abandoned, not stopped: the test
/// fails with the input while the stuck thread spins until the test process ends.
final class FuzzWatchdog: Sendable {
    /// The execution in flight.
    struct Current: Sendable {
        var execution: Int
        var started: ContinuousClock.Instant
        var input: FuzzSession.Input
    }

    /// How a session ended.
    enum Outcome: Sendable {
        case finished(FuzzSession.Report)
        case hung(Current, elapsed: Duration)
    }

    private let current = Mutex<Current?>(nil)
    private let report = Mutex<FuzzSession.Report?>(nil)

    func started(_ execution: Int, input: FuzzSession.Input) {
        current.withLock { $0 = Current(execution: execution, started: .now, input: input) }
    }

    func finished() {
        current.withLock { $0 = nil }
    }

    /// Runs `body` on a new thread with `stackSize` bytes of stack, polling without blocking a cooperative thread;
    /// returns the session's report, or the execution that ran past `deadline`.
    func run(stackSize: Int, deadline: Duration, body: @escaping @Sendable (FuzzWatchdog) -> FuzzSession.Report) async -> Outcome {
        let thread = Thread { [self] in
            let result = body(self)
            report.withLock { $0 = result }
        }
        thread.stackSize = stackSize
        thread.start()
        while true {
            if let result = report.withLock({ $0 }) { return .finished(result) }
            if let running = current.withLock({ $0 }), running.started.duration(to: .now) > deadline {
                return .hung(running, elapsed: running.started.duration(to: .now))
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
