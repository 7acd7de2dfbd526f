import Foundation
import SmokegateFixtures
import Testing

extension RunsAlone {
    /// JUnit totals and identities of a blue/green run through the built binary, with one comparison failing by design.
    /// Run alone: it counts on green's cart (60 ms slower) being the only failure, a latency difference that the
    /// parallel phase on a loaded machine blurred (a second case failed in two of four runs there).
    @Suite("JUnit totals, end to end")
    struct JUnitTotalsTests {
        @Test func junitTotalsCountEverySuiteAndEachCaseIsOneIdentity() async throws {
            let workspace = try Workspace(["checks/shop.yml": """
                environments:
                  blue: { base_url: "{{blue}}" }
                  green: { base_url: "{{green}}" }
                compare: { baseline: blue, candidate: green }
                gates:
                  - error_rate < 1%
                checks:
                  - name: health
                    samples: 12
                    http: GET /health
                  - name: cart
                    samples: 12
                    http: GET /cart

                """])
            defer { workspace.remove() }
            try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("ok")) }) { blue in
                try await FixtureHTTPServer.withServer(answering: { request in
                    .respond(.text("ok", delay: request.uri.hasPrefix("/cart") ? .milliseconds(60) : .zero))
                }) { green in
                    let result = try await Binary.run(["run", "checks", "--var", "blue=\(blue.baseURL)", "--var", "green=\(green.baseURL)"],
                                                      directory: workspace.directory)
                    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
                    let (facts, lines) = try await Binary.junitFacts(workspace.path("reports/junit.xml"))
                    // 2 checks + 1 gate in each of 2 environments, plus 2 compared checks; the cart's comparison failed.
                    #expect(lines["root"] == ["8", "1"], "\(facts)")
                    #expect(lines["suites"] == ["8", "1"], "\(facts)")
                    #expect(lines["cases"] == ["8", "1"], "\(facts)")
                    #expect(lines["duplicates"] == ["0"], "\(facts)")
                    #expect(lines["too"] == ["long", "0"], "a test case's time exceeds its suite's: \(facts)")
                    #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
                }
            }
        }
    }
}
