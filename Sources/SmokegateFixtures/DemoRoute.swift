/// The demo's public route: answers as blue until the cutover, then, after a brief outage, as green.
///
/// It stands for the load balancer or DNS name users reach; `smokegate demo` watches it switch.
public struct DemoRoute: Sendable {
    public static let blueVersion = "1.4.2"
    public static let greenVersion = "1.5.0"

    public let server: SwitchableHTTPServer

    public var baseURL: String { server.baseURL }

    /// Starts the route, answering as blue.
    public static func start() async throws -> DemoRoute {
        DemoRoute(server: try await SwitchableHTTPServer.start(version: blueVersion))
    }

    /// Switches to green after `delay`, failing with 503s for `outage` in between, as a route does while its
    /// backends are swapped; returns the moments the outage began and ended.
    public func cutover(after delay: Duration, outage: Duration) async throws -> (start: ContinuousClock.Instant, end: ContinuousClock.Instant) {
        try await Task.sleep(for: delay)
        try await server.setMode(.failing)
        let start = ContinuousClock.now
        server.setVersion(Self.greenVersion)
        try await Task.sleep(for: outage)
        let end = ContinuousClock.now
        try await server.setMode(.serving)
        return (start, end)
    }

    public func shutdown() async throws {
        try await server.shutdown()
    }
}
