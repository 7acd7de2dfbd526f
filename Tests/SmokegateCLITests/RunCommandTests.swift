import Foundation
import SmokegateFixtures
import Testing

@Suite("smokegate run, end to end")
struct RunCommandTests {
    static let suite = """
        environments:
          blue: { base_url: "{{blue}}" }
          green: { base_url: "{{green}}" }
        gates:
          - error_rate < 1%
          - p95 < 2s
        checks:
          - name: health
            samples: 5
            http: GET /health
            expect:
              json: { $.status: UP }
          - name: version header
            http: GET /health
            expect:
              headers: { X-Version: { matches: "^1\\\\." } }
        """

    static func shop(version: String) -> @Sendable (FixtureRequest) -> FixtureBehavior {
        { _ in
            var response = FixtureResponse.json(#"{"status":"UP"}"#)
            response.headers.append((name: "X-Version", value: version))
            return .respond(response)
        }
    }

    @Test func passingSuiteExitsZeroWithValidReports() async throws {
        let workspace = try Workspace(["checks/shop.yml": Self.suite])
        defer { workspace.remove() }
        try await FixtureHTTPServer.withServer(answering: Self.shop(version: "1.4.2")) { blue in
            try await FixtureHTTPServer.withServer(answering: Self.shop(version: "1.5.0")) { green in
                let result = try await Binary.run(["run", "checks", "--env", "blue", "--env", "green", "--var", "blue=\(blue.baseURL)",
                                                   "--var", "green=\(green.baseURL)"], directory: workspace.directory)
                #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
                #expect(result.stdout.contains("VERDICT PASS"))
                #expect(result.stdout.contains("shop/health"))
                #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
                #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
                let verdict = try workspace.json("reports/verdict.json")
                #expect(verdict["decision"] as? String == "pass")
                #expect((verdict["environments"] as? [[String: Any]])?.map { $0["name"] as? String } == ["blue", "green"])
            }
        }
    }

    @Test func failingExpectationExitsOneAndIsNamedEverywhere() async throws {
        let workspace = try Workspace(["checks/shop.yml": Self.suite])
        defer { workspace.remove() }
        try await FixtureHTTPServer.withServer(answering: Self.shop(version: "1.4.2")) { blue in
            try await FixtureHTTPServer.withServer(answering: Self.shop(version: "2.0.0")) { green in
                let result = try await Binary.run(["run", "checks", "--var", "blue=\(blue.baseURL)", "--var", "green=\(green.baseURL)"],
                                                  directory: workspace.directory)
                #expect(result.status == 1, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
                #expect(result.stdout.contains("VERDICT FAIL"))
                #expect(result.stdout.contains("shop/version header failed in green"))
                let junit = try workspace.read("reports/junit.xml")
                #expect(junit.contains(#"<testcase classname="shop.green" name="version header""#))
                #expect(junit.contains(#"<failure type="header" message="header X-Version: expected to match /^1\./, got &quot;2.0.0&quot;""#))
                #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
                #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
                let verdict = try workspace.json("reports/verdict.json")
                #expect(verdict["decision"] as? String == "fail")
                #expect(verdict["exit_code"] as? Int == 1)
                let checks = verdict["checks"] as? [[String: Any]] ?? []
                let results = checks.first { $0["name"] as? String == "version header" }?["results"] as? [[String: Any]] ?? []
                #expect(results.map { $0["status"] as? String } == ["pass", "fail"])
            }
        }
    }

    @Test func brokenConfigExitsTwoWithLocation() async throws {
        let workspace = try Workspace(["checks/bad.yml": "checks:\n  - name: a\n    http: GET http://127.0.0.1:1/\n    expect:\n      stauts: 200\n"])
        defer { workspace.remove() }
        for command in ["run", "validate"] {
            let result = try await Binary.run([command, "checks"], directory: workspace.directory)
            #expect(result.status == 2)
            #expect(result.stderr.contains("checks/bad.yml:5:7: error: unknown key 'stauts' in expect; did you mean 'status'?"), "\(result.stderr)")
            // Nothing was probed, and the reports say so rather than leaving none (or an old one) behind.
            if command == "run" { #expect(try workspace.json("reports/verdict.json")["decision"] as? String == "error") }
        }
    }

    @Test func unwritableReportDirectoryExitsTwoBeforeProbing() async throws {
        let workspace = try Workspace(["checks/one.yml": "checks:\n  - name: a\n    http: GET {{url}}\n", "blocker": "a file, not a directory"])
        defer { workspace.remove() }
        try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("ok")) }) { server in
            let result = try await Binary.run(["run", "checks", "--var", "url=\(server.baseURL)/", "--out", "blocker/reports"],
                                              directory: workspace.directory)
            #expect(result.status == 2)
            #expect(result.stderr.contains("cannot write reports to blocker/reports"))
            #expect(server.requestCount == 0)
        }
    }

    @Test func secretsNeverReachAnyOutputEvenWhenTheServerEchoesThem() async throws {
        let secret = "s3cr3t-\(UUID().uuidString.prefix(12))"
        let workspace = try Workspace(["checks/api.yml": """
            checks:
              - name: echo
                http:
                  url: "{{url}}/echo?token=${env:API_TOKEN}"
                  headers: { Authorization: "Bearer ${env:API_TOKEN}" }
                expect:
                  body: { contains: "never there" }
                  headers: { X-Echo: "${env:API_TOKEN}-suffix" }
              - name: bad status
                http: { url: "{{url}}/echo", headers: { X-Token: "${env:API_TOKEN}" } }
                expect:
                  status: 201
            """])
        defer { workspace.remove() }
        try await FixtureHTTPServer.withServer(answering: { request in
            // The hostile case: the server repeats the credentials in its body and headers.
            var response = FixtureResponse.text("you sent \(request.header("Authorization") ?? "") \(request.uri) \(request.header("X-Token") ?? "")")
            response.headers.append((name: "X-Echo", value: request.header("Authorization") ?? ""))
            return .respond(response)
        }) { server in
            let result = try await Binary.run(["run", "checks", "--var", "url=\(server.baseURL)"], environment: ["API_TOKEN": secret],
                                              directory: workspace.directory)
            #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("***"))
            for output in [result.stdout, result.stderr, try workspace.read("reports/junit.xml"), try workspace.read("reports/verdict.json")] {
                #expect(!output.contains(secret), "the secret leaked")
            }
        }
    }

    @Test func usageErrorsExitTwo() async throws {
        let result = try await Binary.run(["run", "--concurrency", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--concurrency"))
    }

    @Test func validateAcceptsAGoodSuite() async throws {
        let workspace = try Workspace(["checks/shop.yml": Self.suite])
        defer { workspace.remove() }
        let result = try await Binary.run(["validate", "checks", "--var", "blue=http://a", "--var", "green=http://b"], directory: workspace.directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok: 1 file, 2 checks, 4 check×environment pairs (blue, green), 2 gates"))
    }

    @Test func formatAndOutChooseTheFiles() async throws {
        let workspace = try Workspace(["checks/one.yml": "checks:\n  - name: a\n    http: GET {{url}}\n"])
        defer { workspace.remove() }
        try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("ok")) }) { server in
            let result = try await Binary.run(["run", "checks", "--var", "url=\(server.baseURL)/", "--format", "json", "--out", "out"],
                                              directory: workspace.directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: workspace.path("out/verdict.json")))
            #expect(!FileManager.default.fileExists(atPath: workspace.path("out/junit.xml")))
        }
    }
}
