import Foundation
import SmokegateFixtures
import Testing

/// What the dns and grpc end-to-end tests share: a Python test server, a one-environment suite, and the verdict's
/// result of one check.
enum ScriptedCheckSuite {
    /// A fresh server of scripts/test-servers and its address as `scheme://127.0.0.1:PORT`; stopped by the caller.
    /// A server that cannot start fails the test (no silent skip).
    static func start(_ script: String, arguments: [String] = [], scheme: String) async throws -> (ScriptedServer, String) {
        let server = try await ScriptedServer.start(script, arguments: arguments)
        let port = try #require(server.ready.first.flatMap { Int($0) }, "READY line without a port: \(server.ready)")
        return (server, "\(scheme)://127.0.0.1:\(port)")
    }

    /// A suite named `name` with one environment, `public`, and `checks` (list items indented by two spaces).
    static func suite(_ name: String, _ checks: String) -> String {
        """
        suite: \(name)
        environments:
          public: {}
        checks:
        \(checks)
        """
    }

    /// The verdict's result of `check` in its one environment; the check must be of `kind`.
    static func result(_ verdict: [String: Any], _ check: String, kind: String) throws -> [String: Any] {
        let checks = try #require(verdict["checks"] as? [[String: Any]])
        let found = try #require(checks.first { $0["name"] as? String == check }, "no check \(check)")
        #expect(found["kind"] as? String == kind)
        return try #require((found["results"] as? [[String: Any]])?.first)
    }

    /// The failure reasons of a result, in the verdict's order.
    static func reasons(_ result: [String: Any]) -> [String] {
        (result["failures"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
    }
}
