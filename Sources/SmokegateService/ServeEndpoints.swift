import Hummingbird
import SmokegateCore
import SmokegateReports
import SmokegateStats
import SmokegateVerdict

/// The HTTP face of `serve`: every endpoint answers from one snapshot of the monitor, taken per request.
///
/// | path | what |
/// |---|---|
/// | `GET /metrics` | Prometheus text (0.0.4) |
/// | `GET /healthz` | 200 while the process runs |
/// | `GET /readyz` | 200 once a configuration is loaded and its schedule runs, else (and from the start of a shutdown) 503 |
/// | `GET /api/v1/status` | every target's state (`docs/serve-status.schema.json`) |
/// | `GET /api/v1/verdict?environment=E&span=5m` | the suite's gates over E's recent probes, for Argo Rollouts |
/// | `POST /-/reload` | reload the configuration: 200 when it loaded, 422 with the errors when not |
/// | `GET /` | the status page, when a renderer is given; 404 otherwise |
///
/// With an API token, `/api/…` and `/-/reload` need `Authorization: Bearer <token>`.
public struct ServeEndpoints: Sendable {
    /// Renders the status page from the snapshot and the status document built from it.
    public typealias PageRenderer = @Sendable (MonitorSnapshot, ServeStatus) -> String
    /// Reloads the configuration (`ConfigReloader.reload`) and says how it went.
    public typealias Reload = @Sendable () async -> ReloadOutcome

    let monitor: UptimeMonitor
    let toolVersion: String
    let apiToken: String?
    let page: PageRenderer?
    let reload: Reload
    /// Raised when a graceful shutdown begins (set by `ServeApplication`).
    var shutdown: ShutdownFlag?
    /// More families for `/metrics` after the targets' (the alert delivery's counters; set by `ServeApplication`).
    var extraMetrics: (@Sendable () -> [UInt8])?

    /// `apiToken` nil leaves the API open (the service listens on loopback by default); `page` nil answers `/` with 404.
    public init(monitor: UptimeMonitor, toolVersion: String, apiToken: String?, page: PageRenderer?, reload: @escaping Reload) {
        self.monitor = monitor
        self.toolVersion = toolVersion
        self.apiToken = apiToken
        self.page = page
        self.reload = reload
    }

    /// The routes, behind the token middleware when there is a token.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        if let apiToken { router.add(middleware: BearerTokenMiddleware(token: apiToken)) }
        let (monitor, toolVersion, page, reload, shutdown) = (self.monitor, self.toolVersion, self.page, self.reload, self.shutdown)
        let extraMetrics = self.extraMetrics

        router.get("/metrics") { _, _ in
            let exposition = PrometheusExposition(monitor.snapshot(), toolVersion: toolVersion)
            return ServeResponses.chunkedResponse(contentType: ServeResponses.metricsContentType) { write in
                for chunk in exposition { try await write(chunk) }
                if let extraMetrics { try await write(extraMetrics()) }
            }
        }
        router.get("/healthz") { _, _ in ServeResponses.text("ok\n") }
        router.get("/readyz") { _, _ -> Response in
            if shutdown?.isRaised == true { return ServeResponses.text("not ready: shutting down\n", status: .serviceUnavailable) }
            return monitor.isRunning ? ServeResponses.text("ready\n") : ServeResponses.text("not ready: no schedule is running\n", status: .serviceUnavailable)
        }
        router.get("/api/v1/status") { _, _ in
            ServeResponses.json(ServeStatusBuilder.build(monitor.snapshot(), toolVersion: toolVersion))
        }
        router.get("/api/v1/verdict") { request, _ -> Response in
            let snapshot = monitor.snapshot()
            let parameters = request.uri.queryParameters
            switch VerdictQuery.parse(environment: parameters["environment"], span: parameters["span"], suite: snapshot.suite) {
            case .failure(let problem):
                return ServeResponses.problem(problem.message, status: .badRequest)
            case .success(let query):
                guard let verdict = ServeVerdictBuilder.build(snapshot, environment: query.environment, span: query.span) else {
                    let names = snapshot.suite.environments.map(\.name).joined(separator: ", ")
                    return ServeResponses.problem("no environment '\(query.environment)' in the configuration (it has: \(names))", status: .notFound)
                }
                return ServeResponses.json(verdict)
            }
        }
        router.post("/-/reload") { _, _ -> Response in
            switch await reload() {
            case .reloaded(let files):
                return ServeResponses.json(ReloadAnswer(reloaded: true, files: files, errors: []))
            case .failed(let errors):
                return ServeResponses.json(ReloadAnswer(reloaded: false, files: nil, errors: errors), status: .unprocessableContent)
            }
        }
        router.get("/") { _, _ -> Response in
            guard let page else { return ServeResponses.problem("no status page in this build; see /api/v1/status", status: .notFound) }
            let snapshot = monitor.snapshot()
            return ServeResponses.html(page(snapshot, ServeStatusBuilder.build(snapshot, toolVersion: toolVersion)))
        }
        return router
    }
}

/// `POST /-/reload`'s answer.
struct ReloadAnswer: Sendable, Codable {
    var reloaded: Bool
    /// The files the new configuration came from.
    var files: [String]?
    /// Why it did not load, `file:line:column: error: message` each.
    var errors: [String]
}
