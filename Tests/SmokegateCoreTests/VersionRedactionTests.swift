import Foundation
import SmokegateConfig
import SmokegateCore
import SmokegateFixtures
import SmokegateReports
import SmokegateTestSupport
import Testing

/// The version a response names is text the server chose: a secret it echoes there must be masked like any other.
@Suite("Versions from responses are redacted")
struct VersionRedactionTests {
    @Test func aSecretEchoedInTheVersionHeaderIsMaskedInTheReport() async throws {
        let secret = "version-secret-\(UUID().uuidString)"
        try await FixtureHTTPServer.withServer(answering: { request in
            .respond(FixtureResponse(headers: [(name: "X-Version", value: "build " + (request.header("X-Api-Key") ?? ""))], body: Array("ok".utf8)))
        }) { server in
            let suite = try await TemporarySuite.load("""
                checks:
                  - name: echo
                    samples: 3
                    http:
                      url: "\(server.baseURL)/"
                      headers: { X-Api-Key: "${env:VERSION_SECRET}" }
                    version_from: header X-Version
                """, options: LoadOptions(processEnvironment: ["VERSION_SECRET": secret]))
            let report = try await SuiteRun(suite: suite, tags: [], concurrency: 1).execute()
            let json = String(decoding: try JSONReport.render(report), as: UTF8.self)
            #expect(server.requestCount == 3)
            #expect(!json.contains(secret), "the echoed secret is in verdict.json")
            #expect(report.checks.first?.results.first?.versions == ["build ***": 3])
        }
    }
}
