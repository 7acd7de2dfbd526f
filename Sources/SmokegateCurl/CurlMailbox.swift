import CCurl
import Synchronization

/// The only state shared between callers and the curl thread: new transfers, cancellations
/// and the stop request, behind one lock, plus the wakeup of the thread's poll.
final class CurlMailbox: Sendable {
    /// What `submit` did with a transfer.
    enum Admission {
        case accepted
        case cancelled
        case shutDown
    }

    /// Everything the curl thread picks up in one pass.
    struct Batch {
        var submissions: [CurlSubmission] = []
        var cancellations: [UInt64] = []
        var stopRequested = false
    }

    private struct State {
        var pending = Batch()
        var isRunning = true
        var isWakeupPending = false

        /// Wakes the curl thread for the first item of a batch only. The thread takes the
        /// whole batch after every poll, so the wakeup sent for the first item is still
        /// ahead of it when later items join the same batch.
        mutating func wakeIfFirst(_ multi: UnsafeMutableRawPointer) {
            guard !isWakeupPending else { return }
            isWakeupPending = true
            curl_multi_wakeup(multi)
        }
    }

    private let state = Mutex(State())

    // `curl_multi_wakeup` is documented as callable from any thread, and it is
    // the only call made on this pointer outside the curl thread. Every such call
    // happens under `state`'s lock while `isRunning` is true; the curl thread
    // cleans up the multi handle only after it has seen `isRunning == false`
    // under the same lock, so a wakeup can never reach a freed handle.
    private nonisolated(unsafe) let multi: UnsafeMutableRawPointer

    init(multi: UnsafeMutableRawPointer) {
        self.multi = multi
    }

    /// Queues a transfer for the curl thread unless the task is already cancelled or the engine stopped.
    func submit(_ submission: CurlSubmission) -> Admission {
        state.withLock { state in
            guard state.isRunning else { return .shutDown }
            // Checked under the lock: a cancellation handler that runs later takes
            // the lock after this append, so its cancel always follows the submission.
            if Task.isCancelled { return .cancelled }
            state.pending.submissions.append(submission)
            state.wakeIfFirst(multi)
            return .accepted
        }
    }

    /// Asks the curl thread to abandon a transfer; unknown and finished ids are ignored there.
    func cancel(_ id: UInt64) {
        state.withLock { state in
            guard state.isRunning else { return }
            state.pending.cancellations.append(id)
            state.wakeIfFirst(multi)
        }
    }

    /// Stops accepting work and wakes the curl thread so it winds down; later calls do nothing.
    func requestStop() {
        state.withLock { state in
            guard state.isRunning else { return }
            state.isRunning = false
            state.pending.stopRequested = true
            curl_multi_wakeup(multi)
        }
    }

    /// Hands the curl thread everything queued since its last pass.
    func take() -> Batch {
        state.withLock { state in
            let batch = state.pending
            state.pending = Batch()
            state.isWakeupPending = false
            return batch
        }
    }
}
