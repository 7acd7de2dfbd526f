import Foundation
import SmokegateFixtures
import Testing

/// Every way a suite can be wrong ends the same way: `file:line:column: error: message` on stderr, exit 2, and not
/// one request sent, even for the checks in the same file that are fine.
///
/// Serialized: 26 binaries started at once would starve the other tests' timers on 2 cores.
@Suite("broken configs, end to end", .serialized)
struct BrokenConfigTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// The suite file `checks/api.yml`; `{{url}}` is a live server that counts requests.
        var yaml: String
        /// The error line smokegate must print, from the file name on.
        var expected: String
        /// Further lines it must print, each located where it is.
        var more: [String] = []
        var testDescription: String { name }
    }

    /// A check that is fine, so a run that probed anything would show on the server.
    static let healthy = "  - name: fine\n    http: GET {{url}}/fine\n"

    static let cases: [Case] = [
        Case(name: "YAML syntax", yaml: "checks:\n" + healthy + "  - name: broken\n    http: { url: [GET\n",
             expected: "checks/api.yml:6:1: error: invalid YAML: did not find expected ',' or ']'"),
        Case(name: "wrong type", yaml: "checks:\n  name: fine\n  http: GET {{url}}/\n",
             expected: "checks/api.yml:2:3: error: checks must be a list of checks"),
        Case(name: "unknown key with a suggestion", yaml: "checks:\n" + healthy + "  - name: typo\n    http: GET {{url}}/\n    expcet: { status: 200 }\n",
             expected: "checks/api.yml:6:5: error: unknown key 'expcet' in a check; did you mean 'expect'?"),
        Case(name: "duplicate check names", yaml: "checks:\n" + healthy + healthy,
             expected: "checks/api.yml:4:11: error: duplicate check name 'fine'"),
        Case(name: "unknown environment", yaml: """
            environments:
              blue: { base_url: "{{url}}" }
              green: { base_url: "{{url}}" }
            checks:
              - name: health
                environments: [gren]
                http: GET /health

            """, expected: "checks/api.yml:6:20: error: check refers to unknown environment 'gren'; did you mean 'green'?"),
        Case(name: "missing variable", yaml: "checks:\n" + healthy + "  - name: v\n    http: GET {{url}}/{{version_path}}\n",
             expected: "checks/api.yml:5:23: error: undefined variable 'version_path'"),
        Case(name: "missing secret", yaml: "checks:\n" + healthy + "  - name: s\n    http: { url: \"{{url}}/\", headers: { X-Key: \"${env:SMOKEGATE_UNSET_SECRET}\" } }\n",
             expected: "checks/api.yml:5:49: error: secret '${env:SMOKEGATE_UNSET_SECRET}' is not set"),
        Case(name: "invalid regex", yaml: "checks:\n" + healthy + "  - name: r\n    http: GET {{url}}/\n    expect:\n      body: { matches: \"([a-z\" }\n",
             expected: "checks/api.yml:7:25: error: invalid regular expression"),
        Case(name: "invalid JSON path", yaml: "checks:\n" + healthy + "  - name: j\n    http: GET {{url}}/\n    expect:\n      json: { \"$.items[\": 1 }\n",
             expected: "checks/api.yml:7:24: error: invalid JSON path '$.items['"),
        Case(name: "invalid duration", yaml: "checks:\n" + healthy + "  - name: d\n    http: { url: \"{{url}}/\", timeout: 5 }\n",
             expected: "checks/api.yml:5:39: error: timeout: duration '5' needs a unit"),
        Case(name: "invalid threshold", yaml: "gates:\n  - p95 < fast\nchecks:\n" + healthy,
             expected: "checks/api.yml:2:11: error: invalid duration 'fast'"),
        Case(name: "empty suite", yaml: "suite: nothing here\n",
             expected: "checks/api.yml:1:1: error: no checks defined"),
        Case(name: "empty file", yaml: "",
             expected: "checks/api.yml:1:1: error: the file is empty"),
        Case(name: "zero timeout", yaml: "checks:\n" + healthy + "  - name: t\n    http: { url: \"{{url}}/\", timeout: 0s }\n",
             expected: "checks/api.yml:5:39: error: timeout must be at least 1ms, found '0s'"),
        Case(name: "nanosecond timeout", yaml: "defaults:\n  timeout: 1ns\nchecks:\n" + healthy,
             expected: "checks/api.yml:2:12: error: timeout must be at least 1ms, found '1ns'"),
        Case(name: "zero connect timeout", yaml: "checks:\n" + healthy + "  - name: t\n    tcp: { address: \"127.0.0.1:1\", connect_timeout: 0ms }\n",
             expected: "checks/api.yml:5:53: error: connect_timeout must be at least 1ms, found '0ms'"),
        Case(name: "HEAD with a body", yaml: "checks:\n" + healthy + "  - name: h\n    http: { method: HEAD, url: \"{{url}}/\", body: hello }\n",
             expected: "checks/api.yml:5:50: error: a HEAD request has no body: remove 'body', or use another method"),
        Case(name: "unset secret in a dsn", yaml: "checks:\n" + healthy + "  - name: db\n    postgres: { dsn: \"postgres://u:${env:SMOKEGATE_UNSET_DB_PASSWORD}@127.0.0.1/db\" }\n",
             expected: "checks/api.yml:5:36: error: secret '${env:SMOKEGATE_UNSET_DB_PASSWORD}' is not set"),
        Case(name: "two duplicate keys", yaml: "checks:\n" + healthy + "  - name: d\n    http: GET {{url}}/\n    expect:\n      status: 200\n      status: 201\n  - name: e\n    http: GET {{url}}/\n    http: GET {{url}}/e\n",
             expected: "checks/api.yml:8:7: error: duplicate key 'status' (first at line 7, column 7)",
             more: ["checks/api.yml:11:5: error: duplicate key 'http' (first at line 10, column 5)"]),
        Case(name: "one key three times", yaml: "checks:\n" + healthy + "  - name: d\n    http: GET {{url}}/\n    expect:\n      status: 200\n      status: 204\n      status: 500\n",
             expected: "checks/api.yml:8:7: error: duplicate key 'status' (first at line 7, column 7)",
             more: ["checks/api.yml:9:7: error: duplicate key 'status' (first at line 7, column 7)"]),
    ]

    @Test(arguments: cases)
    func errorIsLocatedExitsTwoAndProbesNothing(_ broken: Case) async throws {
        let workspace = try Workspace(["checks/api.yml": broken.yaml])
        defer { workspace.remove() }
        try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("ok")) }) { server in
            for command in ["run", "validate"] {
                let result = try await Binary.run([command, "checks", "--var", "url=\(server.baseURL)"], directory: workspace.directory)
                #expect(result.status == 2, "\(command): \(result.stdout)\n\(result.stderr)")
                let lines = result.stderr.split(separator: "\n")
                for expected in [broken.expected] + broken.more {
                    #expect(lines.contains { $0.hasPrefix(expected) }, "\(command) should print '\(expected)…', printed:\n\(result.stderr)")
                }
                #expect(lines.filter { $0.contains(": error: ") }.count == 1 + broken.more.count, "\(command): one line per problem:\n\(result.stderr)")
                #expect(result.stderr.contains("nothing was probed"))
            }
            #expect(server.requestCount == 0)
            // `run` replaced the reports with ones that say why nothing was probed.
            let verdict = try workspace.json("reports/verdict.json")
            #expect(verdict["decision"] as? String == "error")
            #expect(verdict["exit_code"] as? Int == 2)
            let problems = verdict["configuration_errors"] as? [[String: Any]] ?? []
            #expect(problems.count == 1 + broken.more.count)
            #expect(problems.first?["file"] as? String == "checks/api.yml")
        }
    }

    @Test func directoryWithoutSuitesIsLocated() async throws {
        let workspace = try Workspace(["checks/README.md": "suites go here\n"])
        defer { workspace.remove() }
        let result = try await Binary.run(["run", "checks"], directory: workspace.directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("checks:1:1: error: no suites in checks: expected *.yml or *.yaml files"), "\(result.stderr)")
    }
}
