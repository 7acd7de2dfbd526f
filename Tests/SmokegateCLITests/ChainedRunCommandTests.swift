import Foundation
import SmokegateFixtures
import Testing

/// Chained checks, `smokegate list` and `--check` through the built binary: exit codes, reports valid against their
/// schemas, and captured secrets nowhere in any output.
@Suite("smokegate run with chained checks, list and --check, end to end")
struct ChainedRunCommandTests {
    static let password = "s3cret-password"

    static let suite = """
        suite: shop
        environments:
          blue: { base_url: "{{blue}}" }
          green: { base_url: "{{green}}" }
        x-authenticated: &authenticated
          bearer: "{{token}}"
        checks:
          - name: login
            tags: [auth]
            http:
              method: POST
              url: /login
              form: { user: probe, password: "${env:SHOP_PASSWORD}" }
            capture:
              token: json $.token
          - name: me
            http: { <<: *authenticated, url: /api/me }
            capture:
              user_id: { json: $.id, secret: false }
          - name: orders
            tags: [orders]
            samples: 2
            http: { <<: *authenticated, url: /api/orders, query: { user: "{{user_id}}" } }
            expect:
              json: { "$.orders[0].total": 12.5 }
          - name: health
            http: /health
            expect: { status: 404 }
        """

    static func withShops(blueLogin: Bool = true, _ body: (LoginShop, LoginShop, [String]) async throws -> Void) async throws {
        let blue = LoginShop(password: password, loginWorks: blueLogin), green = LoginShop(password: password)
        try await FixtureHTTPServer.withServer(answering: blue.answer) { blueServer in
            try await FixtureHTTPServer.withServer(answering: green.answer) { greenServer in
                try await body(blue, green, ["--var", "blue=\(blueServer.baseURL)", "--var", "green=\(greenServer.baseURL)"])
            }
        }
    }

    @Test func aLoginFlowRunsAndAFailedLoginIsReportedWithItsDependantsNotRun() async throws {
        let workspace = try Workspace(["checks/shop.yml": Self.suite])
        defer { workspace.remove() }
        try await Self.withShops(blueLogin: false) { blue, green, variables in
            let result = try await Binary.run(["run", "checks"] + variables, environment: ["SHOP_PASSWORD": Self.password],
                                              directory: workspace.directory)
            #expect(result.status == 1, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            #expect(result.stdout.contains("not run: shop/login failed in blue (its capture 'token' has no value)"), "\(result.stdout)")
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
            #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
            let verdict = try workspace.json("reports/verdict.json")
            let checks = try #require(verdict["checks"] as? [[String: Any]])
            func entry(_ check: String, _ environment: String) -> [String: Any]? {
                (checks.first { $0["name"] as? String == check }?["results"] as? [[String: Any]])?.first { $0["environment"] as? String == environment }
            }
            #expect(entry("me", "blue")?["status"] as? String == "not_run")
            #expect(entry("me", "blue")?["not_run_cause"] as? String == "dependency")
            #expect(entry("me", "blue")?["blocked_by"] as? String == "shop/login")
            #expect(entry("orders", "green")?["status"] as? String == "pass")
            #expect(entry("orders", "green")?["http_versions"] as? [String: Int] == ["1.1": 2])
            #expect((verdict["totals"] as? [String: Any]).flatMap { $0["results"] as? [String: Int] }?["not_run"] == 2)
            // Green's token went to green's shop in every call, and into no output.
            let token = try #require(green.tokens.first)
            #expect(green.log.all.filter { $0.path.hasPrefix("/api/") }.allSatisfy { $0.header("Authorization") == "Bearer \(token)" })
            #expect(blue.log.all.map(\.path).sorted() == ["/health", "/login"])
            for output in [result.stdout, result.stderr, try workspace.read("reports/verdict.json"), try workspace.read("reports/junit.xml")] {
                #expect(!output.contains(token))
                #expect(!output.contains(Self.password))
            }
        }
    }

    @Test func listShowsChecksEnvironmentsKindsTargetsAndWhatEachWaitsFor() async throws {
        let workspace = try Workspace(["checks/shop.yml": Self.suite])
        defer { workspace.remove() }
        let variables = ["--var", "blue=https://blue.example.com", "--var", "green=https://green.example.com"]
        let table = try await Binary.run(["list", "checks", "--env", "green"] + variables, environment: ["SHOP_PASSWORD": "list-secret-value"],
                                         directory: workspace.directory)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout == """
            CHECK        ENV    KIND  TARGET                                                     TAGS    AFTER
            shop/login   green  http  POST https://green.example.com/login                       auth
            shop/me      green  http  GET https://green.example.com/api/me                               shop/login
            shop/orders  green  http  GET https://green.example.com/api/orders?user={{user_id}}  orders  shop/login,shop/me
            shop/health  green  http  GET https://green.example.com/health

            """)
        let json = try await Binary.run(["list", "checks", "--json", "--check", "orders"] + variables, environment: ["SHOP_PASSWORD": "list-secret-value"],
                                        directory: workspace.directory)
        #expect(json.status == 0, "\(json.stderr)")
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let entries = try #require(listed["checks"] as? [[String: Any]])
        // --check brings what the check waits for.
        #expect(entries.map { $0["name"] as? String } == ["login", "me", "orders"])
        #expect(entries.last?["depends_on"] as? [String] == ["shop/login", "shop/me"])
        #expect(entries.first?["captures"] as? [String] == ["token"])
        #expect((entries.last?["environments"] as? [[String: Any]])?.map { $0["environment"] as? String } == ["blue", "green"])
    }

    @Test func checkGlobsRunSomeChecksAndAnUnknownNameIsAUsageError() async throws {
        let workspace = try Workspace(["checks/shop.yml": Self.suite])
        defer { workspace.remove() }
        try await Self.withShops { blue, _, variables in
            let result = try await Binary.run(["run", "checks", "--check", "shop/ord*", "--env", "blue"] + variables,
                                              environment: ["SHOP_PASSWORD": Self.password], directory: workspace.directory)
            #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            let verdict = try workspace.json("reports/verdict.json")
            #expect((verdict["checks"] as? [[String: Any]])?.map { $0["name"] as? String } == ["login", "me", "orders"])
            #expect(!blue.log.all.contains { $0.path == "/health" })
        }
        let unknown = try await Binary.run(["validate", "checks", "--check", "order", "--var", "blue=http://b", "--var", "green=http://g"],
                                           environment: ["SHOP_PASSWORD": "list-secret-value"], directory: workspace.directory)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("error: --check 'order' matches no check; did you mean 'orders'?"), "\(unknown.stderr)")
    }

    @Test func watchRefusesCapturesWithAClearError() async throws {
        let workspace = try Workspace(["checks/shop.yml": Self.suite])
        defer { workspace.remove() }
        let result = try await Binary.run(["watch", "checks", "--duration", "1s", "--var", "blue=http://127.0.0.1:1", "--var", "green=http://127.0.0.1:1"],
                                          environment: ["SHOP_PASSWORD": "list-secret-value"], directory: workspace.directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("shop.yml:15:7: error: smokegate watch probes every check on its own schedule"), "\(result.stderr)")
    }
}
