import Foundation

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
    /// Each colour's cache: a line protocol that greets and answers `PING` with `PONG`, for the demo's TCP check.
    public let blueCache: FixtureTCPServer
    public let greenCache: FixtureTCPServer

    /// `host:port` of a cache listener.
    public static func address(of cache: FixtureTCPServer) -> String { "127.0.0.1:\(cache.port)" }

    /// Starts every service; if one cannot start, those already running are shut down again.
    public static func start() async throws -> DemoServices {
        let blueShop = DemoShop(version: "1.4.2", servedBy: "blue", cartDelay: .milliseconds(15))
        let greenShop = DemoShop(version: "1.5.0", servedBy: "green", cartDelay: .milliseconds(40))
        var stops: [@Sendable () async -> Void] = []
        do {
            let blue = try await FixtureHTTPServer.start(answering: { blueShop.behavior(for: $0) })
            stops.append { try? await blue.shutdown() }
            let green = try await FixtureHTTPServer.start(answering: { greenShop.behavior(for: $0) })
            stops.append { try? await green.shutdown() }
            let blueCache = try await cache(version: "1.4.2")
            stops.append { try? await blueCache.shutdown() }
            let greenCache = try await cache(version: "1.5.0")
            return DemoServices(blue: blue, green: green, blueCache: blueCache, greenCache: greenCache)
        } catch {
            for stop in stops { await stop() }
            throw error
        }
    }

    private static func cache(version: String) async throws -> FixtureTCPServer {
        try await FixtureTCPServer.start(greeting: "READY shop-cache \(version)") { line in
            line.trimmingCharacters(in: .whitespaces).uppercased() == "PING" ? "PONG" : "ERR unknown command"
        }
    }

    /// Shuts every service down, the others even if one fails to.
    public func shutdown() async throws {
        var firstError: (any Error)?
        for server in [blue, green] {
            do { try await server.shutdown() } catch { firstError = firstError ?? error }
        }
        for cache in [blueCache, greenCache] {
            do { try await cache.shutdown() } catch { firstError = firstError ?? error }
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
