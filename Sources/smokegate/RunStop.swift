import SmokegateCore
import SmokegateVerdict
import SmokegateVocabulary
import Synchronization

/// Stops one running task on SIGINT / SIGTERM and remembers which signal did it.
///
/// The signal handlers are installed before the task exists, so a signal that arrives while the run is still
/// starting is not lost: the task is cancelled the moment it is attached.
final class RunStop: Sendable {
    private let state = Mutex<(signal: Interruption?, task: Task<RunReport, any Error>?)>((nil, nil))
    private let watcher = Mutex<SignalWatcher?>(nil)

    /// Installs the signal handlers; call `end()` when the task is done.
    init() {
        let watcher = SignalWatcher { [weak self] signal in self?.stop(signal) }
        self.watcher.withLock { $0 = watcher }
    }

    /// The task a signal cancels; cancelled at once when a signal already arrived.
    func attach(_ task: Task<RunReport, any Error>) {
        let stopped = state.withLock { state in
            state.task = task
            return state.signal != nil
        }
        if stopped { task.cancel() }
    }

    /// The first signal that arrived, if any.
    var received: Interruption? { state.withLock { $0.signal } }

    /// Restores the default signal dispositions.
    func end() {
        watcher.withLock { $0?.cancel() }
    }

    private func stop(_ signal: Interruption) {
        let task = state.withLock { state -> Task<RunReport, any Error>? in
            state.signal = state.signal ?? signal
            return state.task
        }
        task?.cancel()
    }
}
