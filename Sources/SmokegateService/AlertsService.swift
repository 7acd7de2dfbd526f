import Foundation
import Logging
import ServiceLifecycle
import SmokegateAlerts
import SmokegateCore
import SmokegateEngine
import SmokegateModel
import Synchronization

/// `serve`'s alerting as a service: it feeds the monitor's snapshots to `ServeAlerts` (every second, and at once
/// when a target's state changes), keeps the incidents in an `IncidentStore`, and sends the messages through its own
/// `AlertDelivery`, so probing never waits on a receiver. On graceful shutdown it takes in the last probes, then
/// gives the queue up to `drainBound` to send what is left.
public final class AlertsService: Service, CustomStringConvertible {
    /// What the endpoints and the reloader read while the service runs; empty before it starts.
    private struct Running {
        var alerts: ServeAlerts?
        var delivery: AlertDelivery?
        var suite: Suite
    }

    private let monitor: UptimeMonitor
    private let store: any IncidentStore
    private let settings: AlertDelivery.Settings
    private let drainBound: Duration
    private let logger: Logger
    private let running: Mutex<Running>
    private let wakeups: Wakeups

    /// Asks the service to look at the targets now. Made before the monitor, so that the monitor's state-change
    /// callback can hold it, and given to the service.
    public struct Wakeups: Sendable {
        let stream: AsyncStream<Void>
        let continuation: AsyncStream<Void>.Continuation

        public init() {
            // Only "look now" matters, not how many times it was asked: one pending wake is enough.
            (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        }

        /// Look at the targets now rather than at the next tick (a window opened or closed).
        public func nudge() {
            continuation.yield()
        }
    }

    /// `suite` gives the first routing; `store` keeps incidents across restarts when it is a database; `wakeups`
    /// is what the monitor's state changes nudge.
    public init(monitor: UptimeMonitor, suite: Suite, store: any IncidentStore, wakeups: Wakeups, settings: AlertDelivery.Settings = .init(),
                drainBound: Duration = .seconds(10), logger: Logger) {
        self.monitor = monitor
        self.store = store
        self.settings = settings
        self.drainBound = drainBound
        self.logger = logger
        self.wakeups = wakeups
        running = Mutex(Running(suite: suite))
    }

    /// A configuration reloaded: its routing from now on.
    public func reload(_ suite: Suite) {
        let alerts = running.withLock { running -> ServeAlerts? in
            running.suite = suite
            return running.alerts
        }
        alerts?.reload(suite)
        wakeups.nudge()
    }

    /// The delivery's counters for `/metrics`; zero before the service runs.
    public var counters: AlertDeliveryCounters {
        running.withLock { $0.delivery?.counters } ?? AlertDeliveryCounters()
    }

    public func run() async throws {
        let (monitor, logger, wakeups) = (self.monitor, self.logger, self.wakeups)
        try await Prober.with { prober in
            let suite = running.withLock { $0.suite }
            let warn: @Sendable (String) -> Void = { logger.warning("\($0)") }
            let delivery = AlertDelivery(prober: prober, settings: settings, redactor: suite.redactor, warn: warn)
            let alerts = ServeAlerts(suite: suite, store: store, delivery: delivery, warn: warn)
            do {
                try await alerts.restore()
            } catch {
                warn("smokegate: could not read the open alert incidents (\(error)); incidents still open will be announced again")
            }
            running.withLock {
                $0.alerts = alerts
                $0.delivery = delivery
            }
            // A reload between the start and now would have found no `ServeAlerts` to tell.
            alerts.reload(running.withLock { $0.suite })
            let sending = Task { await delivery.run() }
            // While a target is down or an incident open, the next failing (or passing) probe can cross a threshold:
            // look ten times a second then, so a message leaves within about 100 ms of the probe that decides it.
            // When all is up, once a second is enough: the first failure opens a window, and that nudges at once.
            let urgent = Atomic<Bool>(false)
            let ticks = Task {
                var last = ContinuousClock.now
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(100))
                    if urgent.load(ordering: .relaxed) || ContinuousClock.now - last >= .seconds(1) {
                        last = .now
                        wakeups.nudge()
                    }
                }
            }
            await cancelWhenGracefulShutdown {
                for await _ in wakeups.stream {
                    if Task.isCancelled { break }
                    // Without an alerts: block there is nothing to decide, and a snapshot of every target each
                    // second is not free (the monitor copies what it next changes); an incident left open by a
                    // reload that removed the block still gets its resolve.
                    if self.running.withLock({ $0.suite.alerts.isEmpty }), alerts.openIncidents.isEmpty {
                        urgent.store(false, ordering: .relaxed)
                        continue
                    }
                    let snapshot = monitor.snapshot()
                    await alerts.observe(snapshot)
                    urgent.store(snapshot.targets.contains { $0.status == .down } || !alerts.openIncidents.isEmpty, ordering: .relaxed)
                }
            }
            ticks.cancel()
            // The probes that finished while shutting down still count; then the queue gets its bounded last chance.
            await alerts.observe(monitor.snapshot())
            delivery.finish()
            let bound = drainBound
            let timer = Task {
                try? await Task.sleep(for: bound)
                sending.cancel()
            }
            await sending.value
            timer.cancel()
        }
    }

    public var description: String { "AlertsService" }
}
