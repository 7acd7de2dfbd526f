import Foundation
import Logging
import ServiceLifecycle
import SmokegateCore
import SmokegateHistory
import SmokegateRecording
import SmokegateStats

/// `serve`'s history: every `interval` it folds a snapshot of the monitor into hourly rollups and downtime
/// windows (``ServeHistoryFolder``) and queues them in a ``HistoryWriteBuffer``, so a slow, locked or dead database
/// delays history and never probing. The store is opened in the background and retried each interval while it
/// cannot be; on shutdown a last snapshot is folded and the queue gets `drainLimit` to reach the database.
public struct ServeHistoryService: Service, CustomStringConvertible {
    let monitor: UptimeMonitor
    let location: HistoryLocation
    let interval: Duration
    let drainLimit: Duration
    let logger: Logger

    public init(monitor: UptimeMonitor, location: HistoryLocation, interval: Duration = .seconds(60), drainLimit: Duration = .seconds(10),
                logger: Logger) {
        self.monitor = monitor
        self.location = location
        self.interval = interval
        self.drainLimit = drainLimit
        self.logger = logger
    }

    public var description: String { "ServeHistory" }

    public func run() async throws {
        let writer = ServeHistoryWriter(location: location, interval: interval, logger: logger)
        let (monitor, interval) = (self.monitor, self.interval)
        await writer.fold(monitor.snapshot())
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { break }
                await writer.fold(monitor.snapshot())
            }
        }
        await writer.fold(monitor.snapshot())
        await writer.finish(within: drainLimit)
    }
}

/// The service's state: the folder, what waits for the store to open, the store and its buffer.
private actor ServeHistoryWriter {
    let location: HistoryLocation
    let interval: Duration
    let logger: Logger
    private var folder = ServeHistoryFolder()
    private var pending: [HistoryWriteBuffer.Write] = []
    private var store: HistoryStore?
    private var buffer: HistoryWriteBuffer?
    private var flushing: Task<Void, Never>?
    private var warned = false

    init(location: HistoryLocation, interval: Duration, logger: Logger) {
        self.location = location
        self.interval = interval
        self.logger = logger
    }

    /// Folds `snapshot` and queues what changed; opens the store first when it is not open yet.
    func fold(_ snapshot: MonitorSnapshot) async {
        let (rollups, windows) = folder.fold(snapshot)
        if !rollups.isEmpty { pending.append(.rollups(rollups, .replace)) }
        if !windows.isEmpty { pending.append(.windows(windows)) }
        if store == nil {
            do {
                let opened = try await HistoryStore.open(location)
                store = opened
                let created = HistoryWriteBuffer(store: opened)
                buffer = created
                flushing = Task { await created.run() }
                logger.info("history: recording hourly rollups and downtime windows in \(location)")
            } catch {
                if !warned { logger.warning("history: cannot open \(location): \(error); probing goes on, retrying every \(interval)") }
                warned = true
            }
        }
        if let buffer {
            for write in pending { await buffer.submit(write) }
            pending.removeAll()
        }
    }

    /// Gives the queue `limit` to reach the database, then closes the store.
    func finish(within limit: Duration) async {
        flushing?.cancel()
        if let buffer {
            let drained = Task { await buffer.flush() }
            let timer = Task {
                try? await Task.sleep(for: limit)
                drained.cancel()
            }
            if await drained.value == false {
                let statistics = await buffer.statistics
                logger.warning("history: \(statistics.pending) writes not recorded at shutdown: \(statistics.lastError.map(String.init(describing:)) ?? "time ran out")")
            }
            timer.cancel()
        }
        await store?.close()
    }
}
