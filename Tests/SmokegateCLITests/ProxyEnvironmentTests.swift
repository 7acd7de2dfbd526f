import Foundation
import SmokegateFixtures
import Testing

/// A health check probes what it names: proxy variables in smokegate's own environment are not obeyed silently.
@Suite("smokegate run, proxy variables")
struct ProxyEnvironmentTests {
    @Test func deadProxyVariablesDoNotStandBetweenACheckAndItsTarget() async throws {
        let dead = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("never")) })
        let deadProxy = "http://127.0.0.1:\(dead.port)"
        try await dead.shutdown()
        let workspace = try Workspace(["checks/shop.yml": """
            checks:
              - name: health
                http: GET {{target}}/health
                expect: { body: reached }
            """])
        defer { workspace.remove() }
        try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("reached")) }) { target in
            let proxies = ["http_proxy": deadProxy, "HTTP_PROXY": deadProxy, "https_proxy": deadProxy, "HTTPS_PROXY": deadProxy,
                           "all_proxy": deadProxy, "ALL_PROXY": deadProxy, "no_proxy": "", "NO_PROXY": ""]
            let result = try await Binary.run(["run", "checks", "--var", "target=\(target.baseURL)"], environment: proxies,
                                              directory: workspace.directory)
            #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            #expect(target.requestCount == 1)
            let verdict = try workspace.json("reports/verdict.json")
            let results = (verdict["checks"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]
            #expect(results?.first?["proxy"] == nil, "a direct connection names no proxy")
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
        }
    }

    @Test func proxyEnvUsesTheVariablesAndSaysSoWithoutThePassword() async throws {
        let password = "env-pr0xy-secret"
        let workspace = try Workspace(["checks/shop.yml": """
            environments:
              blue: { base_url: "{{target}}", proxy: env }
            checks:
              - name: health
                http: GET /health
            """])
        defer { workspace.remove() }
        try await FixtureForwardProxy.withProxy { proxy in
            try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("ok")) }) { target in
                let withCredentials = "http://probe:\(password)@127.0.0.1:\(proxy.port)"
                let masked = "http://probe:***@127.0.0.1:\(proxy.port)"
                let result = try await Binary.run(["run", "checks", "--var", "target=\(target.baseURL)"],
                                                  environment: ["http_proxy": withCredentials, "no_proxy": "", "NO_PROXY": ""],
                                                  directory: workspace.directory)
                #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
                #expect(proxy.requestCount == 1)
                let junit = try workspace.read("reports/junit.xml")
                #expect(junit.contains("via proxy \(masked) (env:http_proxy)"))
                let verdict = try workspace.json("reports/verdict.json")
                let results = (verdict["checks"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]
                let named = results?.first?["proxy"] as? [String: String]
                #expect(named == ["url": masked, "from": "env:http_proxy"])
                for output in [result.stdout, result.stderr, junit, try workspace.read("reports/verdict.json")] {
                    #expect(!output.contains(password))
                }
                #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
                #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
            }
        }
    }
}
