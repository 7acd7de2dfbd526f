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

/// Loader bugs the config fuzzer (ConfigFuzzTests) found, each pinned by the smallest input that showed it.
@Suite("Config loader regressions found by fuzzing")
struct ConfigLoaderFuzzRegressionTests {
    /// Nine levels of nine aliases: 387 420 489 values from a few hundred bytes.
    static func bomb() -> String {
        var levels = ["&l0 [" + Array(repeating: "lol", count: 9).joined(separator: ", ") + "]"]
        for level in 1..<9 { levels.append("&l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]") }
        return "[" + levels.joined(separator: ", ") + "]"
    }

    @Test func anAliasBombInABodyIsRefusedAtOnce() async {
        let start = ContinuousClock.now
        let errors = await TemporarySuite.errors("checks:\n  - name: bomb\n    http:\n      url: http://127.0.0.1/\n      json: \(Self.bomb())\n")
        #expect(start.duration(to: .now) < .seconds(5))
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.hasPrefix("5:") == true && errors.first?.contains("aliases expand this document") == true, "\(errors)")
    }

    /// Yams hashes mapping keys while composing, so a bomb used as a key hung before the loader saw anything.
    @Test func anAliasBombAsAKeyIsRefusedAtOnce() async {
        let start = ContinuousClock.now
        let errors = await TemporarySuite.errors("checks:\n  - name: bomb\n    http: http://127.0.0.1/\n    ? \(Self.bomb())\n    : x\n")
        #expect(start.duration(to: .now) < .seconds(5))
        #expect(errors.count == 1 && errors.first?.hasPrefix("4:") == true && errors.first?.contains("aliases expand") == true, "\(errors)")
    }

    @Test func aliasesThatStaySmallStillLoad() async throws {
        let suite = try await TemporarySuite.load("""
            environments:
              blue: { base_url: "http://127.0.0.1:1", headers: &common { X-A: "1", X-B: "*not-an-alias" } }
              green: { base_url: "http://127.0.0.1:2", headers: *common }
            checks:
              - { name: a, http: &probe { url: /a, timeout: 1s } }
              - { name: b, http: *probe, expect: { json: { "$.items[*].name": [a] } } }
            """)
        #expect(suite.environments.map(\.headers.count) == [2, 2])
        #expect(suite.checks.count == 2)
    }

    /// Rendering measured each reference's offset from the start of the value: a long value took seconds.
    @Test func aLongValueWithAVariableRendersInLinearTime() async throws {
        let start = ContinuousClock.now
        let suite = try await TemporarySuite.load("checks:\n  - name: long\n    http: \"http://127.0.0.1/\(String(repeating: "a", count: 300_000)){{environment}}\"\n")
        #expect(start.duration(to: .now) < .seconds(3))
        guard case .http(let spec)? = suite.checks.first?.definitions["default"]?.probe else {
            Issue.record("no http probe")
            return
        }
        #expect(spec.url.hasSuffix("adefault"))
    }

    @Test func aBadVariableAfterALongValueIsLocatedAtItsColumn() async {
        let errors = await TemporarySuite.errors("checks:\n  - name: long\n    http: \"http://127.0.0.1/\(String(repeating: "é", count: 1_000)){{nope}}\"\n")
        #expect(errors.first?.hasPrefix("3:\(11 + 1 + 17 + 1_000):") == true, "\(errors.map { $0.prefix(60) })")
    }

    @Test func compareBlockProblemsArePointedAt() async {
        let environments = "environments:\n  blue: { base_url: \"http://127.0.0.1:1\" }\n  green: { base_url: \"http://127.0.0.1:2\" }\n"
        let checks = "checks:\n  - { name: a, http: /a }\n"
        #expect(await TemporarySuite.errors(environments + "compare:\n  baseline: blue\n" + checks)
            == ["5:3: a comparison needs both a baseline and a candidate (--baseline blue --candidate green, or compare: { baseline: …, candidate: … })"])
        #expect(await TemporarySuite.errors(environments + "compare:\n  baseline: blue\n  candidate: blue\n" + checks)
            == ["6:14: the baseline and the candidate are both 'blue': compare two environments"])
        #expect(await TemporarySuite.errors(environments + "compare:\n  baseline: blue\n  candidate: gren\n" + checks)
            == ["6:14: unknown environment 'gren' in compare.candidate (did you mean 'green'?); defined: blue, green"])
    }

    @Test func aSecretNamedAsACompareEnvironmentIsMasked() async {
        let errors = await TemporarySuite.errors("""
            environments:
              blue: { base_url: "http://127.0.0.1:1" }
            compare: { baseline: blue, candidate: "${env:CANDIDATE}" }
            checks:
              - { name: a, http: /a }
            """, options: LoadOptions(processEnvironment: ["CANDIDATE": "hunter2-candidate"]))
        #expect(errors.count == 1 && errors.allSatisfy { !$0.contains("hunter2") && $0.hasPrefix("3:") }, "\(errors)")
    }

    /// libyaml accepts 1000 levels of nesting; composing recurses once per level, deeper than the 512 KiB stack of a
    /// secondary thread allows. The loader runs on a stack of its own, whatever thread or task calls it.
    @Test func deepNestingLoads() async {
        let depth = 999 - 3
        let body = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        let errors = await TemporarySuite.errors("checks:\n  - name: deep\n    http:\n      url: http://127.0.0.1/\n      json: \(body)\n")
        #expect(errors == [])
    }

    @Test func aDirectoryWithNoSuitesIsLocated() async throws {
        let empty = try TemporarySuite([:])
        defer { empty.remove() }
        let error = await #expect(throws: ConfigErrors.self) { try await SuiteLoader.load(paths: [empty.directory.path]) }
        #expect(error?.errors.map(\.location) == [SourceLocation(file: empty.directory.path, line: 1, column: 1)])
    }
}

extension ConfigLoaderFuzzRegressionTests {
    /// `Int(value * factor)` trapped for a size past Int.max: the process died on `max_body: 1e300KB`.
    @Test(arguments: ["1e300KB", "infKiB", "9e18KB", "0.0000001B"])
    func aSizeOutOfRangeIsAnErrorNotACrash(_ size: String) async {
        let errors = await TemporarySuite.errors("checks:\n  - name: big\n    http: { url: \"http://127.0.0.1/\", max_body: \(size) }\n")
        #expect(errors.count == 1 && errors.first?.hasPrefix("3:") == true && errors.first?.contains("max_body must be a size") == true, "\(errors)")
    }
}
