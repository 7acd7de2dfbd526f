import Foundation
import SmokegateFixtures
import Testing

/// Third-party servers from scripts/test-servers for curl's own tests (HTTP/2 needs a real HTTP/2 server).
enum ScriptedServers {
    /// The server, or nil when it cannot start: a recorded failure under `SMOKEGATE_REQUIRE_SERVICES=1`, else a
    /// printed reason.
    static func start(_ script: String, arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) async -> ScriptedServer? {
        do {
            return try await ScriptedServer.start(script, arguments: arguments)
        } catch {
            let reason = "the test server \(script) is not available: \(error.reason)"
            if ProcessInfo.processInfo.environment["SMOKEGATE_REQUIRE_SERVICES"] == "1" {
                Issue.record(Comment(rawValue: reason + " (SMOKEGATE_REQUIRE_SERVICES=1)"), sourceLocation: sourceLocation)
            } else {
                print("skipped: \(reason)")
            }
            return nil
        }
    }

    /// The port of a server whose ready line is `READY <port>`.
    static func port(of server: ScriptedServer, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        try #require(server.ready.first.flatMap { Int($0) }, "READY line without a port: \(server.ready)", sourceLocation: sourceLocation)
    }
}
