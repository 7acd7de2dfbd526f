import Foundation
import SmokegateCurl
import SmokegateFixtures
@testable import SmokegateCore

/// Runs a YAML suite against a live fixture server and returns the report.
enum RunHarness {
    /// `yaml` may use `{{base}}` for the fixture's base URL.
    static func run(_ yaml: String, concurrency: Int = 16, tags: [String] = [],
                    handler: @escaping @Sendable (FixtureRequest) -> FixtureBehavior) async throws -> RunReport {
        try await run(yaml, concurrency: concurrency, tags: tags, script: .immediate(handler))
    }

    static func run(_ yaml: String, concurrency: Int = 16, tags: [String] = [], script: FixtureScript) async throws -> RunReport {
        try await FixtureHTTPServer.withServer(script: script) { server in
            let suite = try TemporarySuite.load(yaml, options: LoadOptions(variables: ["base": server.baseURL]))
            return try await CurlEngine.withEngine { engine in
                await SuiteRun(suite: suite, tags: tags, concurrency: concurrency).execute(engine: engine, interruption: { nil })
            }
        }
    }

    static func result(_ report: RunReport, _ check: String, _ environment: String = SmokegateCore.Environment.implicitName) -> RunReport.CheckResult? {
        report.checks.first { $0.name == check }?.results.first { $0.environment == environment }
    }
}
