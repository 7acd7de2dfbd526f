import Foundation
@testable import SmokegateConfig
@testable import SmokegateCore
import SmokegateCurl
import SmokegateFixtures
@testable import SmokegateModel
import SmokegateTestSupport
@testable import SmokegateVerdict

/// Runs a YAML suite against a live fixture server and returns the report.
enum RunHarness {
    /// `yaml` may use `{{base}}` for the fixture's base URL.
    static func run(_ yaml: String, concurrency: Int = 16, tags: [String] = [],
                    handler: @escaping @Sendable (FixtureRequest) -> FixtureBehavior) async throws -> RunReport {
        try await run(yaml, concurrency: concurrency, tags: tags, script: .immediate(handler))
    }

    static func run(_ yaml: String, concurrency: Int = 16, tags: [String] = [], script: FixtureScript) async throws -> RunReport {
        try await FixtureHTTPServer.withServer(script: script) { server in
            let suite = try await TemporarySuite.load(yaml, options: LoadOptions(variables: ["base": server.baseURL]))
            return try await SuiteRun(suite: suite, tags: tags, concurrency: concurrency).execute()
        }
    }

    static func result(_ report: RunReport, _ check: String, _ environment: String = SmokegateModel.Environment.implicitName) -> RunReport.CheckResult? {
        report.checks.first { $0.name == check }?.results.first { $0.environment == environment }
    }
}
