import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SmokegateAlerts
import SmokegateCore
import SmokegateHistory
import SmokegateModel
import SmokegateReports
import UnixSignals

/// `smokegate serve` put together: the monitor (its state changes logged), the reloader, the HTTP endpoints, and
/// one service group that starts them together and shuts them down in the order a rollout needs. On SIGTERM (or
/// SIGINT) scheduling stops first; the probes in flight finish or time out while the server still answers
/// (`/healthz` included); then the server closes and the group returns.
public struct ServeApplication: Sendable {
    /// The scheduler and every target's state.
    public let monitor: UptimeMonitor
    /// What SIGHUP and `POST /-/reload` call.
    public let reloader: ConfigReloader
    public let endpoints: ServeEndpoints
    /// Incidents and messages for the targets that go down and come back.
    public let alerts: AlertsService
    let shutdown: ShutdownFlag
    let address: ListenAddress
    let logger: Logger
    let onListening: @Sendable (ListenAddress) async -> Void
    /// Where serve records its hourly rollups and downtime windows (``ServeHistoryService``), and how often; nil: nowhere.
    public var history: (location: HistoryLocation, interval: Duration)?

    /// Wires a service for `suite` (checks selected by `tags`); `load` loads the configuration again on reload.
    /// `apiToken` guards `/api` and `/-/reload`; `page` renders `/` (nil: 404); `incidents` keeps the alert
    /// incidents (a history database keeps them across restarts); `alertDelivery` sets timeouts and retries of the
    /// alert messages. `onListening` hears the address actually bound (the real port when `address` asks for port 0).
    public init(suite: Suite, tags: [String], load: @escaping ConfigReloader.Load, address: ListenAddress, apiToken: String?,
                page: ServeEndpoints.PageRenderer?, incidents: any IncidentStore = InMemoryIncidentStore(),
                alertDelivery: AlertDelivery.Settings = .init(), toolVersion: String = SmokegateVersion.current, logger: Logger,
                onListening: @escaping @Sendable (ListenAddress) async -> Void = { _ in }) {
        let changes = StateChangeLog(logger: logger)
        let wakeups = AlertsService.Wakeups()
        let monitor = UptimeMonitor(suite: suite, tags: tags, events: {
            changes.record($0)
            wakeups.nudge()
        })
        let alerts = AlertsService(monitor: monitor, suite: suite, store: incidents, wakeups: wakeups, settings: alertDelivery, logger: logger)
        let reloader = ConfigReloader(monitor: monitor, tags: tags, logger: logger, onReload: { alerts.reload($0) }, load: load)
        self.monitor = monitor
        self.reloader = reloader
        self.alerts = alerts
        let shutdown = ShutdownFlag()
        self.shutdown = shutdown
        var endpoints = ServeEndpoints(monitor: monitor, toolVersion: toolVersion, apiToken: apiToken, page: page) {
            await reloader.reload(trigger: "POST /-/reload")
        }
        endpoints.shutdown = shutdown
        endpoints.extraMetrics = { AlertDeliveryMetrics.render(alerts.counters) }
        self.endpoints = endpoints
        self.address = address
        self.logger = logger
        self.onListening = onListening
    }

    /// The group to run: the server, the monitor and, with `reloadOnHangup`, a reload per SIGHUP (trapped before
    /// this returns). Shut down in reverse: the SIGHUP listener, the alerts (taking in the last probes, sending what
    /// is queued within a bound), the monitor (waiting for its probes), the server.
    public func serviceGroup(gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint], reloadOnHangup: Bool = true) async -> ServiceGroup {
        let (address, onListening, reloader) = (self.address, self.onListening, self.reloader)
        let application = Application(
            router: endpoints.router(),
            configuration: ApplicationConfiguration(address: .hostname(address.host, port: address.port), serverName: "smokegate"),
            onServerRunning: { channel in
                var bound = address
                if let port = channel.localAddress?.port { bound.port = port }
                await onListening(bound)
            },
            logger: logger
        )
        var services: [ServiceGroupConfiguration.ServiceConfiguration] =
            [.init(service: application), .init(service: MonitorService(monitor: monitor, shutdown: shutdown), successTerminationBehavior: .gracefullyShutdownGroup)]
        services.append(.init(service: alerts))
        if let history {
            services.append(.init(service: ServeHistoryService(monitor: monitor, location: history.location, interval: history.interval, logger: logger)))
        }
        if reloadOnHangup {
            let hangup = await HangupReloadService.trapping { _ = await reloader.reload(trigger: "SIGHUP") }
            services.append(.init(service: hangup, successTerminationBehavior: .gracefullyShutdownGroup))
        }
        return ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: gracefulShutdownSignals, logger: logger))
    }

    /// Runs until SIGTERM or SIGINT has shut everything down gracefully, reloading on SIGHUP meanwhile.
    public func run() async throws {
        try await serviceGroup().run()
    }
}
