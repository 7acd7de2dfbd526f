/// The demo's blue and green services, started on loopback ephemeral ports.
///
/// Both serve the same small web shop; green ("1.5.0") is the candidate release and answers
/// `/api/cart` noticeably slower than blue ("1.4.2"), which is what the demo's comparison shows.
/// Only `GET` and `HEAD` are routed; any other method, like any unknown path, gets the 404 JSON.
public struct DemoServices: Sendable {
    /// The current deployment, version "1.4.2".
    public let blue: FixtureHTTPServer
    /// The candidate deployment, version "1.5.0".
    public let green: FixtureHTTPServer

    /// Starts both services; if green cannot start, blue is shut down again.
    public static func start() async throws -> DemoServices {
        let blueShop = DemoShop(version: "1.4.2", servedBy: "blue", cartDelay: .milliseconds(15))
        let greenShop = DemoShop(version: "1.5.0", servedBy: "green", cartDelay: .milliseconds(40))
        let blue = try await FixtureHTTPServer.start(answering: { blueShop.behavior(for: $0) })
        do {
            let green = try await FixtureHTTPServer.start(answering: { greenShop.behavior(for: $0) })
            return DemoServices(blue: blue, green: green)
        } catch {
            try? await blue.shutdown()
            throw error
        }
    }

    /// Shuts both services down, green even if blue fails to.
    public func shutdown() async throws {
        var firstError: (any Error)?
        for server in [blue, green] {
            do { try await server.shutdown() } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }

    /// Starts both services, runs `body`, and shuts them down whatever happens.
    nonisolated(nonsending)
        public static func withServices<T: Sendable>(_ body: (DemoServices) async throws -> T) async throws -> T
    {
        let services = try await start()
        let result: T
        do {
            result = try await body(services)
        } catch {
            try? await services.shutdown()
            throw error
        }
        try await services.shutdown()
        return result
    }
}
