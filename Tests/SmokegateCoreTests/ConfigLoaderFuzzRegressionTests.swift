@testable import SmokegateConfig
@testable import SmokegateModel
import SmokegateTestSupport
import Testing

extension RunsAlone {
    /// Loader bugs the config fuzzer (ConfigFuzzTests) found, each pinned by the smallest input that showed it.
    ///
    /// Run alone: alias bombs must be refused, and a long value rendered, within a few seconds, bounds that the
    /// parallel phase on a loaded machine pushed past (a load that takes 0.4 s alone measured 3.9 to 10 s there).
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
}

extension RunsAlone.ConfigLoaderFuzzRegressionTests {
    /// `Int(value * factor)` trapped for a size past Int.max: the process died on `max_body: 1e300KB`.
    @Test(arguments: ["1e300KB", "infKiB", "9e18KB", "0.0000001B"])
    func aSizeOutOfRangeIsAnErrorNotACrash(_ size: String) async {
        let errors = await TemporarySuite.errors("checks:\n  - name: big\n    http: { url: \"http://127.0.0.1/\", max_body: \(size) }\n")
        #expect(errors.count == 1 && errors.first?.hasPrefix("3:") == true && errors.first?.contains("max_body must be a size") == true, "\(errors)")
    }
}
