import Foundation
@testable import SmokegateConfig
@testable import SmokegateCore
import SmokegateCurl
import SmokegateFixtures
@testable import SmokegateModel
@testable import SmokegateReports
import SmokegateTestSupport
@testable import SmokegateVerdict
import Testing

/// `proxy:` through a real in-process forward proxy: the request goes through it, the reports name it with the
/// password masked, a dead proxy is blamed as the proxy, and the environment's variables count only when asked for.
@Suite struct ProxyTests {
    static let password = "pr0xy-s3cret-word"

    private func run(_ yaml: String, environment: [String: String] = [:]) async throws -> RunReport {
        let suite = try await TemporarySuite.load(yaml, options: LoadOptions(processEnvironment: environment))
        return try await SuiteRun(suite: suite, tags: [], concurrency: 4).execute()
    }

    private static func ok(_ request: FixtureRequest) -> FixtureBehavior { .respond(.text("through")) }

    private func rendered(_ report: RunReport) throws -> String {
        String(decoding: try JSONReport.render(report), as: UTF8.self) + String(decoding: try JUnitReport.render(report), as: UTF8.self)
    }

    @Test func httpRequestGoesThroughTheEnvironmentsProxyAndTheReportsNameIt() async throws {
        try await FixtureForwardProxy.withProxy { proxy in
            try await FixtureHTTPServer.withServer(answering: Self.ok) { target in
                let report = try await run("""
                    environments:
                      blue:
                        base_url: \(target.baseURL)
                        proxy: http://probe:\(Self.password)@127.0.0.1:\(proxy.port)
                    checks:
                      - name: health
                        http: GET /health
                        expect: { body: through }
                    """)
                let result = try #require(RunHarness.result(report, "health", "blue"))
                #expect(result.status == .pass, "\(result.failures.map(\.message))")
                #expect(proxy.requestLines == ["GET \(target.baseURL)/health HTTP/1.1"])
                #expect(result.proxy?.url == "http://probe:***@127.0.0.1:\(proxy.port)")
                #expect(result.proxy?.from == "config")
                let text = try rendered(report)
                #expect(text.contains("via proxy http://probe:***@127.0.0.1:\(proxy.port) (config)"))
                #expect(!text.contains(Self.password))
            }
        }
    }

    @Test func httpsTunnelsThroughConnect() async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        let target = try await FixtureHTTPServer.start(answering: Self.ok, tls: certificates.valid)
        try await FixtureForwardProxy.withProxy { proxy in
            let report = try await run("""
                checks:
                  - name: secure
                    http: { url: "\(target.httpsBaseURL)/", insecure: true, proxy: "\(proxy.url)" }
                    expect: { body: through }
                """)
            let result = try #require(RunHarness.result(report, "secure"))
            #expect(result.status == .pass, "\(result.failures.map(\.message))")
            #expect(proxy.requestLines == ["CONNECT 127.0.0.1:\(target.port) HTTP/1.1"])
            #expect(result.proxy?.url == proxy.url)
        }
        try await target.shutdown()
    }

    @Test func aDeadProxyIsBlamedAsTheProxyNotTheTarget() async throws {
        let dead = try await closedPort()
        try await FixtureHTTPServer.withServer(answering: Self.ok) { target in
            let report = try await run("""
                checks:
                  - name: health
                    http: { url: "\(target.baseURL)/health", proxy: "http://probe:\(Self.password)@127.0.0.1:\(dead)" }
                """)
            let failure = try #require(RunHarness.result(report, "health")?.failures.first)
            #expect(failure.reason == .proxy)
            #expect(failure.message.contains("the proxy http://probe:***@127.0.0.1:\(dead) refused the connection"), "\(failure.message)")
            #expect(!failure.message.contains("connection refused by"))
            #expect(target.requestCount == 0)
            #expect(!(try rendered(report)).contains(Self.password))
        }
    }

    @Test func theChecksProxyWinsOverItsEnvironments() async throws {
        let dead = try await closedPort()
        try await FixtureForwardProxy.withProxy { proxy in
            try await FixtureHTTPServer.withServer(answering: Self.ok) { target in
                let report = try await run("""
                    environments:
                      blue: { base_url: "\(target.baseURL)", proxy: "http://127.0.0.1:\(dead)" }
                    checks:
                      - name: direct
                        http: { url: /a, proxy: none }
                      - name: proxied
                        http: { url: /b, proxy: "\(proxy.url)" }
                    """)
                #expect(RunHarness.result(report, "direct", "blue")?.status == .pass)
                #expect(RunHarness.result(report, "direct", "blue")?.proxy == nil)
                #expect(RunHarness.result(report, "proxied", "blue")?.status == .pass)
                #expect(proxy.requestLines == ["GET \(target.baseURL)/b HTTP/1.1"])
            }
        }
    }

    @Test func proxyVariablesCountOnlyWithProxyEnvAndVisibly() async throws {
        try await FixtureForwardProxy.withProxy { proxy in
            try await FixtureHTTPServer.withServer(answering: Self.ok) { target in
                let yaml = """
                    checks:
                      - name: via env
                        http: { url: "\(target.baseURL)/env", proxy: env }
                      - name: default
                        http: GET \(target.baseURL)/default
                    """
                let report = try await run(yaml, environment: ["http_proxy": proxy.url, "HTTPS_PROXY": proxy.url])
                let viaEnv = try #require(RunHarness.result(report, "via env"))
                #expect(viaEnv.status == .pass)
                #expect(viaEnv.proxy?.from == "env:http_proxy")
                #expect(RunHarness.result(report, "default")?.proxy == nil)
                #expect(proxy.requestLines == ["GET \(target.baseURL)/env HTTP/1.1"])

                // no_proxy exempts the target, as curl would.
                let exempt = try await run(yaml, environment: ["http_proxy": proxy.url, "no_proxy": "localhost,127.0.0.1"])
                #expect(RunHarness.result(exempt, "via env")?.proxy == nil)
                #expect(RunHarness.result(exempt, "via env")?.status == .pass)
                #expect(proxy.requestCount == 1)
            }
        }
    }

    @Test func aProxyThatIsNotAProxyURLIsAConfigErrorWithoutItsPassword() async {
        let errors = await TemporarySuite.errors("""
            checks:
              - name: x
                http: { url: "http://127.0.0.1:1/", proxy: "ftp://probe:\(Self.password)@proxy.internal:21" }
            """)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("3:") == true, "\(errors)")
        #expect(errors.first?.contains("ftp://probe:***@proxy.internal:21") == true, "\(errors)")
        #expect(errors.first?.contains(Self.password) == false)
    }

    @Test func noProxyMatchesHostsDomainsAndEverything() {
        #expect(ProxySetting.isExempt(host: "api.shop.internal", noProxy: ".shop.internal"))
        #expect(ProxySetting.isExempt(host: "shop.internal", noProxy: "shop.internal, other"))
        #expect(ProxySetting.isExempt(host: "anything", noProxy: "*"))
        #expect(!ProxySetting.isExempt(host: "myshop.internal", noProxy: "shop.internal"))
        #expect(ProxySetting.isExempt(host: "[::1]", noProxy: "::1"))
    }

    /// A loopback port that was bound a moment ago and released, so connecting to it is refused.
    private func closedPort() async throws -> Int {
        let server = try await FixtureHTTPServer.start(answering: Self.ok)
        let port = server.port
        try await server.shutdown()
        return port
    }
}
