import Foundation
@testable import SmokegateConfig
@testable import SmokegateModel
import SmokegateTestSupport
import Testing

/// What loading says about chains, new request keys, `--check` and YAML reuse, located as `line:column`.
@Suite("Configuration: captures, requests, --check, merge keys")
struct ChainConfigTests {
    @Test func aCaptureUsedBeforeTheCheckThatMakesItIsAnError() async {
        let errors = await TemporarySuite.errors("""
            checks:
              - name: orders
                http: { url: "https://shop.example.com/orders", bearer: "{{token}}" }
              - name: login
                http: https://shop.example.com/login
                capture:
                  token: json $.token
            """)
        #expect(errors == ["3:62: capture 'token' is used before it is made: check 'login' (line 4) makes it; move 'login' above 'orders'"])
    }

    @Test func checksThatWaitForEachOtherInACycleAreAnError() async {
        let errors = await TemporarySuite.errors("""
            checks:
              - name: a
                http: https://shop.example.com/a?y={{y}}
                capture: { x: json $.x }
              - name: b
                http: https://shop.example.com/b?x={{x}}
                capture: { y: json $.y }
              - name: c
                needs: c
                http: https://shop.example.com/c
            """)
        #expect(errors == [
            "3:11: checks wait for each other in a cycle: 'a' uses 'y', 'b' uses 'x'; a chain must start with a check that waits for none",
            "9:12: check 'c' needs itself",
        ])
    }

    @Test func capturedValuesAreForRequestsOnlyAndNeedTheirOwnNames() async {
        let errors = await TemporarySuite.errors("""
            vars:
              region: eu
            checks:
              - name: login
                http: https://shop.example.com/login
                capture:
                  token: json $.token
                  region: header X-Region
                  bad: xml //x
              - name: me
                samples: "{{token}}"
                needs: [logn]
                http: https://shop.example.com/me
                expect:
                  headers: { X-Token: "{{token}}" }
            """)
        #expect(errors == [
            "8:7: capture 'region' has the name of a variable (vars:, an environment's vars:, --var or the built-in 'environment'): rename the capture",
            "9:12: capture 'bad' is 'json PATH', 'header NAME', 'cookie NAME', 'regex PATTERN' or 'xpath EXPRESSION' (e.g. 'json $.token'), or a mapping with one of them and 'secret:'",
            "11:15: captured value 'token' can only be used in a request: url, query, headers, body, json, form, multipart, basic_auth or bearer (in samples)",
            "12:13: needs 'logn': no check of that name in this file; did you mean 'login'?",
            "15:28: captured value 'token' can only be used in a request: url, query, headers, body, json, form, multipart, basic_auth or bearer (in header 'X-Token')",
        ])
    }

    @Test func aDependantMustNotRunWhereTheCheckItWaitsForDoesNot() async {
        let errors = await TemporarySuite.errors("""
            environments:
              blue: { base_url: https://blue.example.com }
              green: { base_url: https://green.example.com }
            checks:
              - name: login
                environments: [green]
                http: /login
                capture: { token: json $.token }
              - name: me
                http: { url: /me, bearer: "{{token}}" }
            """)
        #expect(errors == ["10:32: check 'me' runs in blue, where 'login' (which captures 'token') does not: give both the same environments"])
    }

    @Test func watchRefusesChainsItCannotRun() async {
        var options = LoadOptions()
        options.chainingUnsupportedBy = "smokegate watch"
        let errors = await TemporarySuite.errors("""
            checks:
              - name: login
                http: https://shop.example.com/login
                capture: { token: json $.token }
            """, options: options)
        #expect(errors == ["4:14: smokegate watch probes every check on its own schedule, so checks cannot pass values or cookies to each other: "
            + "'capture:', 'needs:' and captured values work in smokegate run (leave this check out with --check, or run it)"])
    }

    @Test func requestKeysThatContradictEachOtherAreErrors() async throws {
        let directory = try TemporarySuite(["suite.yml": """
            checks:
              - name: two bodies
                http:
                  url: https://shop.example.com/a
                  json: { a: 1 }
                  form: { b: 2 }
              - name: two authorizations
                http:
                  url: https://shop.example.com/b
                  headers: { Authorization: Basic abc }
                  bearer: xyz
              - name: multipart with a type
                http:
                  url: https://shop.example.com/c
                  headers: { Content-Type: text/plain }
                  multipart: { f: { file: missing.bin } }
              - name: tls files
                http:
                  url: https://shop.example.com/d
                  ca_file: certs/nope.pem
                  ca_path: suite.yml
                  client_key: suite.yml
                  http_version: 3
                  tls_min_version: 1.4
            """])
        defer { directory.remove() }
        let errors: [String]
        do {
            _ = try await SuiteLoader.load(paths: [directory.path("suite.yml")], options: LoadOptions())
            errors = []
        } catch {
            errors = error.errors.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0): \($0.message)" }
        }
        let folder = URL(fileURLWithPath: directory.path("suite.yml")).deletingLastPathComponent().standardizedFileURL.path
        #expect(errors == [
            "6:13: give one body: 'json' and 'form' cannot be sent together",
            "11:15: bearer sends its own Authorization header: remove the Authorization header",
            "16:18: multipart sets its own Content-Type (multipart/form-data with its boundary): remove the Content-Type header",
            "16:31: file: no such file 'missing.bin' (\(folder)/missing.bin; a relative path starts at the suite file's directory)",
            "20:16: ca_file: no such file 'certs/nope.pem' (\(folder)/certs/nope.pem; a relative path starts at the suite file's directory)",
            "21:16: ca_path: 'suite.yml' is a file; name a directory of CA certificates",
            "22:19: client_key needs a client_cert to go with it",
            "23:21: http_version must be 1.1 or 2, found '3'",
            "24:24: tls_min_version must be 1.0, 1.1, 1.2 or 1.3, found '1.4'",
        ])
    }

    @Test func checkPatternsSelectChecksWithWhatTheyWaitFor() async throws {
        let yaml = """
            suite: api
            checks:
              - name: login
                http: https://shop.example.com/login
                capture: { token: json $.token }
              - name: orders list
                http: { url: https://shop.example.com/orders, bearer: "{{token}}" }
              - name: orders detail
                needs: login
                http: https://shop.example.com/orders/1
              - name: health
                http: https://shop.example.com/health
            """
        var options = LoadOptions()
        options.checks = ["api/orders*"]
        let suite = try await TemporarySuite.load(yaml, options: options)
        #expect(suite.checks.map(\.name) == ["login", "orders list", "orders detail"])
        #expect(suite.checks[1].dependencies == [CheckDependency(check: 0, captures: ["token"])])
        #expect(suite.checks[2].dependencies == [CheckDependency(check: 0, captures: [])])
        options.checks = ["helth", "orders"]
        let errors = await TemporarySuite.errors(yaml, options: options)
        #expect(errors == [
            "--check 'helth' matches no check; did you mean 'health'?; checks: api/login, api/orders list, api/orders detail, api/health (smokegate list shows them all)",
            "--check 'orders' matches no check; did you mean 'orders list' or 'orders detail'?; checks: api/login, api/orders list, api/orders detail, api/health (smokegate list shows them all)",
        ])
    }

    @Test func mergeKeysAndExtensionRootKeysWorkAsInComposeFiles() async throws {
        let suite = try await TemporarySuite.load("""
            x-request: &request
              timeout: 2s
              headers: { Accept: application/json, X-Probe: smokegate }
            x-check: &check
              samples: 3
              retries: 1
            checks:
              - name: health
                <<: *check
                samples: 5
                http:
                  <<: *request
                  url: https://shop.example.com/health
                  headers: { Accept: text/plain }
              - name: both
                <<: [*check, { samples: 7, tags: [merged] }]
                http: { <<: *request, url: https://shop.example.com/both }
            """)
        let health = try #require(suite.checks.first?.definitions["default"])
        #expect(health.samples == 5)
        #expect(health.retries == 1)
        guard case .http(let spec) = health.probe else { Issue.record("not http"); return }
        #expect(spec.timeout == .seconds(2))
        // The check's own headers replace the merged mapping, as YAML's merge replaces a key's whole value.
        #expect(spec.headers == [HeaderField(name: "Accept", value: "text/plain")])
        let both = try #require(suite.checks.last)
        #expect(both.definitions["default"]?.samples == 3)
        #expect(both.tags == ["merged"])
    }

    @Test func anErrorInAMergedPartIsLocatedWhereItIsWritten() async {
        let errors = await TemporarySuite.errors("""
            x-request: &request
              timeout: 5
            x-nothing: &nothing just text
            checks:
              - name: health
                http:
                  <<: *request
                  url: https://shop.example.com/health
              - name: merge of a scalar
                <<: *nothing
                http: https://shop.example.com/
            """)
        #expect(errors == [
            "2:12: timeout: duration '5' needs a unit (ns, us, ms, s, m, h, d), e.g. 5s or 5ms",
            "3:12: '<<' merges a mapping into this one: give it an alias of a mapping (<<: *defaults) or a list of them",
        ])
    }
}
