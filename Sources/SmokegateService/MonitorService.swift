import ServiceLifecycle
import SmokegateCore

/// Runs the monitor as a service: probing starts with the service group, and a graceful shutdown stops scheduling
/// while the probes in flight finish or reach their timeout; then the service returns.
public struct MonitorService: Service, CustomStringConvertible {
    let monitor: UptimeMonitor
    let shutdown: ShutdownFlag?

    public init(monitor: UptimeMonitor) {
        self.init(monitor: monitor, shutdown: nil)
    }

    init(monitor: UptimeMonitor, shutdown: ShutdownFlag?) {
        self.monitor = monitor
        self.shutdown = shutdown
    }

    public func run() async throws {
        let (monitor, shutdown) = (self.monitor, self.shutdown)
        try await withGracefulShutdownHandler {
            try await monitor.run()
        } onGracefulShutdown: {
            shutdown?.raise()
            monitor.stop()
        }
    }

    public var description: String { "UptimeMonitor" }
}
