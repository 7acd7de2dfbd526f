@testable import SmokegateConfig
@testable import SmokegateModel
import SmokegateTestSupport
import Testing

@Suite("Config loading")
struct ConfigLoaderTests {
    static let environments = """
        environments:
          blue:
            base_url: http://blue.internal:8080
            headers: { X-Env: blue }
            vars: { version: 1.4.2 }
          green:
            base_url: "{{green_url}}"
            connect_to: ["shop.example.com:443:10.0.0.7:8443"]
            vars: { version: 1.5.0 }
        vars:
          green_url: http://green.internal:8080

        """

    @Test func resolvesEnvironmentsVariablesAndDefaults() async throws {
        let suite = try await TemporarySuite.load(Self.environments + """
            defaults:
              timeout: 3s
              samples: 5
            checks:
              - name: health
                http: GET /health
                expect:
                  headers:
                    X-Version: "{{version}}"
            """)
        #expect(suite.environments.map(\.name) == ["blue", "green"])
        let check = try #require(suite.checks.first)
        guard case .http(let blue)? = check.definitions["blue"]?.probe, case .http(let green)? = check.definitions["green"]?.probe else {
            Issue.record("expected http probes in both environments")
            return
        }
        #expect(blue.url == "http://blue.internal:8080/health")
        #expect(green.url == "http://green.internal:8080/health")
        #expect(green.connectTo == ["shop.example.com:443:10.0.0.7:8443"])
        #expect(blue.headers.contains(HeaderField(name: "X-Env", value: "blue")))
        #expect(blue.timeout == .seconds(3))
        #expect(check.definitions["green"]?.samples == 5)
        let expectations = try #require(check.definitions["green"]?.expectations)
        let versions = expectations.compactMap { expectation -> String? in
            if case .header(_, let matcher) = expectation.kind, case .equals(.string(let text))? = matcher.predicates.first { return text }
            return nil
        }
        #expect(versions == ["1.5.0"])
    }

    @Test func commandLineVariablesWinAndSelectEnvironments() async throws {
        let suite = try await TemporarySuite.load(Self.environments + """
            checks:
              - name: health
                http: /health
            """, options: LoadOptions(environments: ["green"], variables: ["green_url": "http://127.0.0.1:9"]))
        #expect(suite.environments.map(\.name) == ["green"])
        guard case .http(let spec)? = suite.checks.first?.definitions["green"]?.probe else {
            Issue.record("no green definition")
            return
        }
        #expect(spec.url == "http://127.0.0.1:9/health")
        #expect(suite.checks.first?.definitions["blue"] == nil)
    }

    @Test func unknownKeySuggestsTheClosestWithLineAndColumn() async {
        let errors = await TemporarySuite.errors("""
            checks:
              - name: health
                http: GET http://127.0.0.1/health
                expcet:
                  status: 200
            """)
        #expect(errors == ["4:5: unknown key 'expcet' in a check; did you mean 'expect'?"])
    }

    @Test func missingVariableNamesWhereItWasUsed() async {
        let errors = await TemporarySuite.errors("""
            vars: { region: eu }
            checks:
              - name: health
                http: GET http://127.0.0.1/{{regoin}}/health
            """)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("4:32: undefined variable 'regoin' (did you mean 'region'?)") == true)
    }

    @Test func missingSecretIsAnErrorAndSecretsAreRemembered() async throws {
        let yaml = """
            checks:
              - name: api
                http:
                  url: http://127.0.0.1/api
                  headers: { Authorization: "Bearer ${env:SMOKEGATE_TEST_TOKEN}" }
            """
        #expect(await TemporarySuite.errors(yaml).first?.contains("secret '${env:SMOKEGATE_TEST_TOKEN}' is not set") == true)
        let suite = try await TemporarySuite.load(yaml, options: LoadOptions(processEnvironment: ["SMOKEGATE_TEST_TOKEN": "s3cr3t-value"]))
        // The secret, and the whole credential header it was rendered into, longest first.
        #expect(suite.redactor.secrets == ["Bearer s3cr3t-value", "s3cr3t-value"])
        #expect(suite.redactor.redact("token s3cr3t-value echoed") == "token *** echoed")
    }

    @Test func invalidValuesAreLocated() async {
        let errors = await TemporarySuite.errors("""
            gates:
              - p95 < fast
              - error_rat < 1%
            checks:
              - name: a
                samples: many
                http:
                  url: http://127.0.0.1/
                  timeout: 5
                expect:
                  status: 2xy
                  body: { matches: "([a-z" }
                  json:
                    $.items[: 1
                  latency: p95 < 1s
            """)
        #expect(errors.contains { $0.hasPrefix("2:11: invalid duration 'fast'") })
        #expect(errors.contains { $0.hasPrefix("3:5: unknown metric 'error_rat' (did you mean 'error_rate'?)") })
        #expect(errors.contains { $0.hasPrefix("6:14: samples must be a whole number") })
        #expect(errors.contains { $0.hasPrefix("9:16: timeout: duration '5' needs a unit") })
        #expect(errors.contains { $0.hasPrefix("11:15: invalid status '2xy'") })
        #expect(errors.contains { $0.hasPrefix("12:25: invalid regular expression") })
        #expect(errors.contains { $0.hasPrefix("14:9: invalid JSON path '$.items['") || $0.hasPrefix("14:1") })
    }

    @Test func duplicateNamesAndUnknownEnvironmentsAreErrors() async {
        let errors = await TemporarySuite.errors(Self.environments + """
            checks:
              - name: health
                http: /health
              - name: health
                environments: [gren]
                http: /health
            """)
        #expect(errors.contains { $0.contains("duplicate check name 'health'") && $0.hasPrefix("15:11:") })
    }

    @Test func unknownEnvironmentOnACheckSuggests() async {
        let errors = await TemporarySuite.errors(Self.environments + """
            checks:
              - name: health
                environments: [gren]
                http: /health
            """)
        #expect(errors == ["14:20: check refers to unknown environment 'gren'; did you mean 'green'?"])
    }

    @Test func unknownEnvironmentOnTheCommandLineSuggests() async {
        let errors = await TemporarySuite.errors(Self.environments + "checks: [{ name: a, http: /a }]\n", options: LoadOptions(environments: ["gren"]))
        #expect(errors == ["unknown environment 'gren' (did you mean 'green'?); defined: blue, green"])
    }

    @Test func yamlSyntaxErrorIsLocated() async {
        let errors = await TemporarySuite.errors("""
            checks:
              - name: a
                http: "GET /
            """)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("invalid YAML") == true)
        #expect(errors.first?.hasPrefix("4:") == true || errors.first?.hasPrefix("3:") == true)
    }

    @Test func relativeURLNeedsABaseURL() async {
        let errors = await TemporarySuite.errors("checks:\n  - name: a\n    http: GET /health\n")
        #expect(errors == ["3:11: relative url '/health' needs a base_url in environment 'default', or write an absolute URL"])
    }

    @Test func emptySuitesAndDirectoriesAreErrors() async throws {
        #expect(await TemporarySuite.errors("suite: nothing\n").first?.contains("no checks defined") == true)
        let empty = try TemporarySuite([:])
        defer { empty.remove() }
        await #expect(throws: ConfigErrors.self) { try await SuiteLoader.load(paths: [empty.directory.path]) }
    }

    @Test func wrongTypesAreExplained() async {
        let errors = await TemporarySuite.errors("checks:\n  name: a\n")
        #expect(errors == ["2:3: checks must be a list of checks (each starting with '- name:')"])
    }
}

@Suite("Config errors never cascade or leak")
struct ConfigErrorHygieneTests {
    @Test func aSecretRenderedIntoABadValueIsMasked() async {
        let errors = await TemporarySuite.errors("""
            checks:
              - name: a
                http: { url: "http://127.0.0.1/", timeout: "${env:SECRET_TIMEOUT}" }
            """, options: LoadOptions(processEnvironment: ["SECRET_TIMEOUT": "hunter2"]))
        #expect(errors.count == 1)
        #expect(errors.first?.contains("hunter2") == false, "\(errors)")
        #expect(errors.first?.contains("***") == true, "\(errors)")
    }

    @Test func aBrokenBaseURLIsOneErrorNotOnePerCheck() async {
        let errors = await TemporarySuite.errors("""
            environments:
              blue: { base_url: "{{blue_url}}" }
            checks:
              - { name: a, http: /a }
              - { name: b, http: /b }
              - { name: c, http: /c }
            """)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.hasPrefix("2:22: undefined variable 'blue_url'") == true, "\(errors)")
    }

    @Test func aTagThatSelectsNothingIsAnError() async {
        let errors = await TemporarySuite.errors("checks:\n  - { name: a, tags: [critical], http: \"http://127.0.0.1/\" }\n",
                                           options: LoadOptions(tags: ["crtical"]))
        #expect(errors == ["no check has tag 'crtical'; tags in use: critical"])
    }

    @Test func errorsComeInFileOrder() async {
        let errors = await TemporarySuite.errors("""
            checks:
              - name: a
                http: { url: "http://127.0.0.1/", timeout: x }
                samples: 0
            """)
        #expect(errors.map { $0.prefix(4) } == ["3:48", "4:14"], "\(errors)")
    }
}
