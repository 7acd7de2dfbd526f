import Foundation
import SmokegateFixtures
import Synchronization
import Testing

/// What a pipeline reads must never be stale, miscounted or silent: the defects found by using smokegate as a new
/// user would, each through the built binary.
@Suite("reports a pipeline reads, end to end")
struct ReportIntegrityTests {
    static let suite = """
        checks:
          - name: health
            samples: 3
            http: GET {{url}}/health

        """

    @Test func aConfigurationOrUsageErrorReplacesThePreviousRunsReports() async throws {
        let workspace = try Workspace(["checks/good.yml": Self.suite, "broken.yml": "checks:\n  - name: a\n    http: GET {{url}}/\n    expect: { stauts: 200 }\n"])
        defer { workspace.remove() }
        try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("ok")) }) { server in
            let url = "url=\(server.baseURL)"
            for (arguments, message) in [(["run", "broken.yml", "--var", url], "unknown key 'stauts'"),
                                         (["run", "checks", "--var", url, "--concurrency", "0"], "--concurrency must be between 1 and 10000")] {
                let passing = try await Binary.run(["run", "checks", "--var", url], directory: workspace.directory)
                #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
                #expect(try workspace.json("reports/verdict.json")["decision"] as? String == "pass")

                let failing = try await Binary.run(arguments, directory: workspace.directory)
                #expect(failing.status == 2)
                let verdict = try workspace.json("reports/verdict.json")
                #expect(verdict["decision"] as? String == "error", "\(arguments): the previous pass is still there")
                #expect(verdict["exit_code"] as? Int == 2)
                let problems = verdict["configuration_errors"] as? [[String: Any]] ?? []
                #expect(problems.contains { ($0["message"] as? String)?.contains(message) == true }, "\(problems)")
                let junit = try workspace.read("reports/junit.xml")
                #expect(junit.contains("<error type=\"configuration\""), "\(junit)")
                #expect(junit.contains(message))
                #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
                #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
            }
            // A usage error names its own --out: the reports go where the run would have put them.
            let elsewhere = try await Binary.run(["run", "checks", "--out=elsewhere", "--concurrency", "0"], directory: workspace.directory)
            #expect(elsewhere.status == 2)
            #expect(try workspace.json("elsewhere/verdict.json")["decision"] as? String == "error")
        }
    }

    @Test func aRequestedPercentileTheSamplesCannotSupportHolds() async throws {
        // The reported defect: metrics [p95] with 19 samples, green at ~43 ms against blue at ~1 ms, printed pass.
        let workspace = try Workspace(["checks/shop.yml": """
            environments:
              blue: { base_url: "{{blue}}" }
              green: { base_url: "{{green}}" }
            compare: { baseline: blue, candidate: green, metrics: [p95] }
            checks:
              - name: cart
                samples: 19
                http: GET /cart

            """])
        defer { workspace.remove() }
        try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("ok")) }) { blue in
            try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("ok", delay: .milliseconds(43))) }) { green in
                let arguments = ["--var", "blue=\(blue.baseURL)", "--var", "green=\(green.baseURL)"]
                let validation = try await Binary.run(["validate", "checks"] + arguments, directory: workspace.directory)
                #expect(validation.status == 0)
                #expect(validation.stderr.contains("checks/shop.yml:6:5: warning: check 'cart' takes 19 samples per environment, but compare.metrics lists p95 (needs 20)"),
                        "\(validation.stderr)")
                let result = try await Binary.run(["run", "checks"] + arguments, directory: workspace.directory)
                #expect(result.status == 3, "\(result.stdout)")
                #expect(result.stdout.contains("VERDICT HOLD"))
                #expect(result.stdout.contains("p95 cannot be compared: it needs at least 20 samples per environment"), "\(result.stdout)")
                let comparison = (try workspace.json("reports/verdict.json")["comparisons"] as? [[String: Any]])?.first
                #expect(comparison?["decision"] as? String == "inconclusive")
                #expect((comparison?["not_compared"] as? [[String: Any]])?.first?["samples_needed"] as? Int == 20)
            }
        }
    }

    @Test func watchRefusesTheComparisonOptions() async throws {
        let result = try await Binary.run(["watch", "checks", "--baseline", "blue", "--candidate", "green"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown option '--baseline'"), "\(result.stderr)")
        let help = try await Binary.run(["watch", "--help"])
        #expect(!help.stdout.contains("--baseline"))
        #expect(!help.stdout.contains("--candidate"))
    }

    @Test func shippedExampleSuitesValidateAsShipped() async throws {
        for path in ["checks", "checks/demo.yml", "checks/cutover.yml"] {
            let result = try await Binary.run(["validate", path], directory: Binary.packageRoot)
            #expect(result.status == 0, "\(path): \(result.stderr)")
            #expect(result.stdout.hasPrefix("ok: "), "\(path): \(result.stdout)")
            #expect(!result.stderr.contains("warning"), "\(path): \(result.stderr)")
        }
    }

    @Test func unreadableInputIsAnErrorWithItsReason() async throws {
        let workspace = try Workspace(["checks/a.yml": Self.suite, "checks/locked/b.yml": "suite: b\n" + Self.suite, "checks/secret.yml": "suite: s\n" + Self.suite])
        defer { workspace.remove() }
        chmod(workspace.path("checks/locked"), 0)
        chmod(workspace.path("checks/secret.yml"), 0)
        defer { chmod(workspace.path("checks/locked"), 0o755) }
        let result = try await Binary.run(["validate", "checks", "--var", "url=http://127.0.0.1:1"], directory: workspace.directory, unprivileged: true)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("checks/locked:1:1: error: cannot read directory checks/locked: permission denied"), "\(result.stderr)")
        #expect(result.stderr.contains("checks/secret.yml:1:1: error: cannot read checks/secret.yml: permission denied"), "\(result.stderr)")
    }

    @Test func outputOptionsSayWhatIsWrongInWords() async throws {
        let workspace = try Workspace(["checks/good.yml": Self.suite])
        defer { workspace.remove() }
        try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("ok")) }) { server in
            let url = "url=\(server.baseURL)"
            for (options, expected) in [(["--format", ","], "--format ',' has an empty entry"),
                                        (["--format", "junit,none"], "'none' cannot be combined with other formats"),
                                        (["--out", "-"], "--out -: reports are files in a directory"),
                                        (["--out", "/dev/null/x"], "cannot write reports to /dev/null/x: /dev/null: exists and is not a directory")] {
                let result = try await Binary.run(["run", "checks", "--var", url] + options, directory: workspace.directory)
                #expect(result.status == 2, "\(options)")
                #expect(result.stderr.contains(expected), "\(options): \(result.stderr)")
                #expect(!result.stderr.contains("NSCocoaErrorDomain"), "\(result.stderr)")
            }
            #expect(!FileManager.default.fileExists(atPath: workspace.path("-")))
            #expect(server.requestCount == 0)
        }
    }

    @Test func aPassThatNeededRetriesSaysSoAndQuietKeepsTheReasons() async throws {
        let workspace = try Workspace(["checks/flaky.yml": """
            checks:
              - name: flaky
                samples: 4
                retries: 1
                retry_delay: 1ms
                http: GET {{url}}/flaky
              - name: broken
                http: GET {{url}}/broken

            """])
        defer { workspace.remove() }
        // Every first attempt of /flaky fails, every retry passes; /broken always fails.
        let attempts = Mutex(0)
        try await FixtureHTTPServer.withServer(answering: { request in
            if request.uri.hasPrefix("/broken") { return .respond(.text("down", status: 503)) }
            let attempt = attempts.withLock { value in value += 1; return value }
            return .respond(attempt % 2 == 1 ? .text("down", status: 503) : .text("ok"))
        }) { server in
            let flakyOnly = try await Binary.run(["run", "checks", "--var", "url=\(server.baseURL)", "--tag", "none-such"],
                                                 directory: workspace.directory)
            #expect(flakyOnly.status == 2)  // no check has that tag: a usage error, and the test's control
            let result = try await Binary.run(["run", "checks/flaky.yml", "--var", "url=\(server.baseURL)", "--concurrency", "1", "--quiet"],
                                              directory: workspace.directory)
            #expect(result.status == 1)
            #expect(result.stdout.contains("VERDICT FAIL"), "\(result.stdout)")
            #expect(result.stdout.contains("• flaky/broken failed in default: expected status 2xx, got 503"), "--quiet keeps the reasons: \(result.stdout)")
            #expect(result.stdout.contains("• flaky/flaky passed in default only after retries"), "\(result.stdout)")
            let junit = try workspace.read("reports/junit.xml")
            #expect(junit.contains("(first in sample 1)"), "samples count from 1 for people")
            #expect(!junit.contains("sample 0"))
        }
        attempts.withLock { $0 = 0 }
        let passing = try Workspace(["checks/flaky.yml": "checks:\n  - name: flaky\n    samples: 4\n    retries: 1\n    retry_delay: 1ms\n    http: GET {{url}}/flaky\n"])
        defer { passing.remove() }
        try await FixtureHTTPServer.withServer(answering: { _ in
            let attempt = attempts.withLock { value in value += 1; return value }
            return .respond(attempt % 2 == 1 ? .text("down", status: 503) : .text("ok"))
        }) { server in
            let result = try await Binary.run(["run", "checks", "--var", "url=\(server.baseURL)", "--concurrency", "1"], directory: passing.directory)
            #expect(result.status == 0)
            #expect(result.stdout.contains("VERDICT PASS — every check and gate held in default, but 1 check result passed only flakily:"), "\(result.stdout)")
            #expect(result.stdout.contains("• flaky/flaky passed in default only after retries: 4 of 4 samples passed only after a retry"), "\(result.stdout)")
            let warnings = try passing.json("reports/verdict.json")["warnings"] as? [String]
            #expect(warnings?.count == 1)
        }
    }

    @Test func topLevelHelpListsEveryExitCodeTheDocsDo() async throws {
        let help = try await Binary.run(["--help"])
        let docs = try String(contentsOf: Binary.packageRoot.appendingPathComponent("docs/exit-codes.md"), encoding: .utf8)
        let codes = docs.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| "), let cell = line.split(separator: "|").first?.trimmingCharacters(in: .whitespaces), Int(cell) != nil else { return nil }
            return cell
        }
        #expect(codes.count >= 7, "\(codes)")
        let text = help.stdout.replacingOccurrences(of: "\n", with: " ")
        for code in codes { #expect(text.contains("\(code) "), "--help does not explain exit code \(code): \(help.stdout)") }
        #expect(text.contains("4 the run's --deadline passed"))
    }

    @Test func watchIgnoresTheSuitesComparisonBlock() async throws {
        // checks/ holds the demo's compare: block (blue → green) and the cutover's route: a watch compares nothing,
        // so every environment is watched and --env route is accepted.
        let workspace = try Workspace()
        defer { workspace.remove() }
        for arguments in [[String](), ["--env", "route"]] {
            let result = try await Binary.run(["watch", Binary.packageRoot.appendingPathComponent("checks").path, "--interval", "100ms", "--duration", "300ms",
                                               "--out", workspace.path("reports")] + arguments, directory: workspace.directory)
            #expect(result.status == 0 || result.status == 1, "\(arguments): \(result.stderr)")
            let targets = (try workspace.json("reports/verdict.json")["watch"] as? [String: Any])?["targets"] as? [[String: Any]] ?? []
            #expect(targets.contains { $0["environment"] as? String == "route" }, "\(arguments): \(result.stdout)\(result.stderr)")
        }
    }

    @Test func aBrokenCutoverSuiteReportsWhereTheWatchWouldHave() async throws {
        let workspace = try Workspace(["broken.yml": "checks:\n  - name: x\n    htp: GET /\n"])
        defer { workspace.remove() }
        let result = try await Binary.run(["demo", "--cutover-suite", "broken.yml"], directory: workspace.directory)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(try workspace.json("reports/verdict.json")["decision"] as? String == "rollback", "the run's own reports stay")
        #expect(try workspace.json("reports/cutover/verdict.json")["decision"] as? String == "error")
    }
}
