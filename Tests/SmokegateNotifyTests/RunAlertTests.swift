import Foundation
@testable import SmokegateAlerts
import SmokegateConfig
import SmokegateCore
import SmokegateFixtures
import SmokegateModel
import SmokegateTestSupport
import SmokegateVerdict
import Testing

/// The message a finished run sends, from real runs against fixtures: when it goes out, what it names, and that a
/// secret the probed server echoes never reaches it.
@Suite struct RunAlertTests {
    static let secret = "planted-run-\(UUID().uuidString.prefix(8))"

    static func run(_ alerts: String, comparing: Bool = false) async throws -> (RunReport, Suite) {
        try await FixtureHTTPServer.withServer(answering: { request in
            // green's cart fails and echoes the token it was sent.
            request.path == "/green/cart" ? .respond(.text("no cart for token \(request.header("X-Token") ?? "")", status: 503)) : .respond(.text("ok"))
        }) { server in
            var options = LoadOptions(variables: ["base": server.baseURL], processEnvironment: ["TOKEN": Self.secret])
            options.comparing = comparing
            if comparing { (options.baseline, options.candidate) = ("blue", "green") }
            let suite = try await TemporarySuite.load("""
                suite: shop
                environments:
                  blue: { base_url: "{{base}}/blue", headers: { X-Token: "${env:TOKEN}" } }
                  green: { base_url: "{{base}}/green", headers: { X-Token: "${env:TOKEN}" } }
                alerts:
                \(alerts)
                  webhook: { url: "http://127.0.0.1:9/hook" }
                checks:
                  - { name: health, samples: 10, http: GET /health }
                  - { name: cart, samples: 10, http: GET /cart }
                """, options: options)
            return (try await SuiteRun(suite: suite, tags: [], concurrency: 4).execute(), suite)
        }
    }

    static func message(_ report: RunReport, _ suite: Suite) -> AlertMessage? {
        RunAlert.message(for: report, policy: suite.alerts.policy(forRunIn: suite.environments.map(\.name)), link: "reports/verdict.json",
                         redactor: suite.redactor)
    }

    @Test func aFailedRunNamesItsFailingTargetsAndNoSecret() async throws {
        let (report, suite) = try await Self.run("  on: [fail]")
        #expect(report.decision == .fail)
        let message = try #require(Self.message(report, suite))
        #expect(message.kind == .run)
        #expect(message.source == "run")
        #expect(message.title == "smokegate run: fail in blue, green")
        #expect(message.environment == nil)
        #expect(message.dedupKey == "smokegate/run/\(report.runID)")
        #expect(message.link == "reports/verdict.json")
        #expect(message.targets.map { "\($0.check) [\($0.environment)]" } == ["cart [green]"])
        #expect(message.targets.first?.errorRate == 1)
        #expect(message.targets.first?.reason == .status)
        #expect(message.text.hasPrefix("Decision: fail (exit 1)\n• shop/cart failed in green: "))
        let everything = "\(message)"
        #expect(!everything.contains(Self.secret), "\(everything)")
        #expect(message.targets.first?.message?.contains("no cart for token ***") == true, "\(message.targets)")
        // What a receiver would get, every provider.
        for destination: AlertDestination in [.slack(SlackDestination(webhook: "http://127.0.0.1:9/s")), .webhook(WebhookDestination(url: "http://127.0.0.1:9/w")),
                                              .pagerDuty(PagerDutyDestination(routingKey: "k", url: "http://127.0.0.1:9/p"))] {
            let body = try #require(AlertRequest.make(message, to: destination, timeout: .seconds(1)).map { String(decoding: $0.body, as: UTF8.self) })
            #expect(!body.contains(Self.secret), "\(body)")
        }
    }

    @Test func onlyTheListedDecisionsSend() async throws {
        let (report, suite) = try await Self.run("  on: [rollback, hold]")
        #expect(report.decision == .fail)
        #expect(Self.message(report, suite) == nil)
    }

    @Test func aComparisonsRollbackIsAboutTheCandidate() async throws {
        let (report, suite) = try await Self.run("  on: [rollback]", comparing: true)
        #expect(report.decision == .rollback)
        let message = try #require(Self.message(report, suite))
        #expect(message.environment == "green")
        #expect(message.decision == .rollback)
        #expect(message.title == "smokegate run: rollback in green (green against blue)")
        #expect(message.targets.map(\.check).contains("cart"))
    }
}
