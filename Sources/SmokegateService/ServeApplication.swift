import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SmokegateCore
import SmokegateHistory
import SmokegateModel
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
    let shutdown: ShutdownFlag
    let address: ListenAddress
    let logger: Logger
    let onListening: @Sendable (ListenAddress) async -> Void
    /// Where serve records its hourly rollups and downtime windows (``ServeHistoryService``), and how often; nil: nowhere.
    public var history: (location: HistoryLocation, interval: Duration)?

    /// Wires a service for `suite` (checks selected by `tags`); `load` loads the configuration again on reload.
    /// `apiToken` guards `/api` and `/-/reload`; `page` renders `/` (nil: 404). `onListening` hears the address
    /// actually bound (the real port when `address` asks for port 0).
    public init(suite: Suite, tags: [String], load: @escaping ConfigReloader.Load, address: ListenAddress, apiToken: String?,
                page: ServeEndpoints.PageRenderer?, toolVersion: String = SmokegateVersion.current, logger: Logger,
                onListening: @escaping @Sendable (ListenAddress) async -> Void = { _ in }) {
        let changes = StateChangeLog(logger: logger)
        let monitor = UptimeMonitor(suite: suite, tags: tags, events: { changes.record($0) })
        let reloader = ConfigReloader(monitor: monitor, tags: tags, logger: logger, load: load)
        self.monitor = monitor
        self.reloader = reloader
        let shutdown = ShutdownFlag()
        self.shutdown = shutdown
        var endpoints = ServeEndpoints(monitor: monitor, toolVersion: toolVersion, apiToken: apiToken, page: page) {
            await reloader.reload(trigger: "POST /-/reload")
        }
        endpoints.shutdown = shutdown
        self.endpoints = endpoints
        self.address = address
        self.logger = logger
        self.onListening = onListening
    }

    /// The group to run: the server, the monitor and, with `reloadOnHangup`, a reload per SIGHUP (trapped before
    /// this returns). Shut down in reverse: the SIGHUP listener, the monitor (waiting for its probes), the server.
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
