import SmokegateFixtures
import Testing

extension TestServices {
    /// A third-party server from scripts/test-servers, started for one test; nil (a recorded failure under
    /// `SMOKEGATE_REQUIRE_SERVICES=1`) when it cannot start.
    static func scriptedServer(
        _ script: String, arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) async -> ScriptedServer? {
        do {
            return try await ScriptedServer.start(script, arguments: arguments)
        } catch {
            unavailable("the test server \(script) is not available: \(error.reason)", sourceLocation: sourceLocation)
            return nil
        }
    }
}
