/// A bounded queue of writes in front of a ``HistoryStore``, for `serve`: a database that is down, locked or full
/// delays history, never probing.
///
/// Writes are kept in order and retried with exponential backoff while the failure is retryable
/// (``HistoryError/isRetryable``); a write the database refuses for good is dropped and counted as rejected.
/// Past `capacity` the oldest queued write is dropped and counted, so memory stays bounded however long the
/// database is away. Call ``run()`` in a task to flush in the background, or ``flush()`` yourself.
public actor HistoryWriteBuffer {
    /// One queued write.
    public enum Write: Sendable {
        case run(RunRecord)
        case rollups([HourlyRollupRecord], HistoryStore.RollupWriteMode)
        case windows([DowntimeWindowRecord])
        case cutovers([CutoverRecord])
        case deployment(DeploymentRecord)
        case rollback(RollbackRecord)
    }

    /// What the buffer has done so far.
    public struct Statistics: Sendable, Hashable {
        /// Writes waiting.
        public var pending = 0
        /// Writes that reached the database.
        public var written = 0
        /// Writes dropped, oldest first, because the queue was full.
        public var dropped = 0
        /// Writes the database refused for good (not retryable), dropped.
        public var rejected = 0
        /// The last failure, retryable or not; nil once a flush empties the queue.
        public var lastError: HistoryError?
    }

    private let store: HistoryStore
    private let capacity: Int
    private let initialBackoff: Duration
    private let maximumBackoff: Duration
    private var queue: [(sequence: Int, write: Write)] = []
    private var nextSequence = 0
    private var inFlight: Int?
    private var counters = Statistics()
    private let flushLock = AsyncLock()
    private let signals: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation

    /// Creates a buffer holding at most `capacity` writes.
    public init(store: HistoryStore, capacity: Int = 10_000, initialBackoff: Duration = .milliseconds(500), maximumBackoff: Duration = .seconds(30)) {
        self.store = store
        self.capacity = max(1, capacity)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = max(initialBackoff, maximumBackoff)
        (signals, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues `write`; drops the oldest waiting write when the queue is full.
    public func submit(_ write: Write) {
        if queue.count >= capacity {
            // Never the write being sent: it may already be in the database.
            let victim = queue.first?.sequence == inFlight && queue.count > 1 ? 1 : 0
            if queue.indices.contains(victim), queue[victim].sequence != inFlight {
                queue.remove(at: victim)
                counters.dropped += 1
            }
        }
        queue.append((nextSequence, write))
        nextSequence += 1
        signal.yield()
    }

    /// The counters, with the current queue length.
    public var statistics: Statistics {
        var statistics = counters
        statistics.pending = queue.count
        return statistics
    }

    /// Sends queued writes in order until the queue is empty (true) or a retryable failure stops it (false).
    @discardableResult
    public func flush() async -> Bool {
        (try? await flushLock.withLock { await self.sendQueued() }) ?? false
    }

    /// Flushes whenever writes arrive, backing off after retryable failures, until the task is cancelled.
    public func run() async {
        var backoff = initialBackoff
        var iterator = signals.makeAsyncIterator()
        while !Task.isCancelled {
            if queue.isEmpty {
                guard await iterator.next(isolation: self) != nil else { return }
                continue
            }
            if await flush() {
                backoff = initialBackoff
            } else {
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, maximumBackoff)
            }
        }
    }

    private func sendQueued() async -> Bool {
        while let entry = queue.first {
            let sequence = entry.sequence
            inFlight = sequence
            defer { inFlight = nil }
            do {
                try await perform(entry.write)
                counters.written += 1
            } catch {
                let failure = error as? HistoryError ?? HistoryError(reason: .internal, message: String(describing: error))
                counters.lastError = failure
                if failure.isRetryable { return false }
                counters.rejected += 1
            }
            queue.removeAll { $0.sequence == sequence }
        }
        counters.lastError = nil
        return true
    }

    private func perform(_ write: Write) async throws {
        switch write {
        case .run(let run): try await store.record(run)
        case .rollups(let rollups, let mode): try await store.record(rollups: rollups, mode: mode)
        case .windows(let windows): try await store.record(windows: windows)
        case .cutovers(let cutovers): try await store.record(cutovers: cutovers)
        case .deployment(let deployment): try await store.record(deployment: deployment)
        case .rollback(let rollback): try await store.record(rollback: rollback)
        }
    }
}
