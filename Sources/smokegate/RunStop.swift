import SmokegateCore
import Synchronization

/// Stops one running task on SIGINT / SIGTERM and remembers which signal did it.
///
/// The signal handlers are installed before the task exists, so a signal that arrives while the run is still
/// starting is not lost: the task is cancelled the moment it is attached.
final class RunStop<Success: Sendable>: Sendable {
    private let state = Mutex<(signal: VerdictBuilder.Interruption?, task: Task<Success, Never>?)>((nil, nil))
    private let watcher = Mutex<SignalWatcher?>(nil)

    /// Installs the signal handlers; call `end()` when the task is done.
    init() {
        let watcher = SignalWatcher { [weak self] signal in self?.stop(signal) }
        self.watcher.withLock { $0 = watcher }
    }

    /// The task a signal cancels; cancelled at once when a signal already arrived.
    func attach(_ task: Task<Success, Never>) {
        let stopped = state.withLock { state in
            state.task = task
            return state.signal != nil
        }
        if stopped { task.cancel() }
    }

    /// The first signal that arrived, if any.
    var received: VerdictBuilder.Interruption? { state.withLock { $0.signal } }

    /// Restores the default signal dispositions.
    func end() {
        watcher.withLock { $0?.cancel() }
    }

    private func stop(_ signal: VerdictBuilder.Interruption) {
        let task = state.withLock { state -> Task<Success, Never>? in
            state.signal = state.signal ?? signal
            return state.task
        }
        task?.cancel()
    }
}
