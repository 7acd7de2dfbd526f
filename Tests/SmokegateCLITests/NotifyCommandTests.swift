import Foundation
import SmokegateFixtures
import SmokegateTestTools
import Synchronization
import Testing

/// `smokegate run` pushing to a real Pushgateway and alerting a local webhook receiver, as CI would run it.
@Suite struct NotifyCommandTests {
    final class Requests: Sendable {
        private let log = Mutex<[FixtureRequest]>([])
        func record(_ request: FixtureRequest) { log.withLock { $0.append(request) } }
        var all: [FixtureRequest] { log.withLock { $0 } }
    }

    static func suite(service: String, hook: String) -> String {
        """
        suite: shop
        environments:
          green: { base_url: "\(service)" }
        alerts:
          on: [fail]
          webhook: { url: "\(hook)/hook", secret: "${env:HOOK_SECRET}" }
        checks:
          - name: health
            samples: 5
            http: GET /health
          - name: cart
            samples: 5
            http: GET /cart
            expect: { status: 200 }
        """
    }

    /// A workspace with the shop suite, its service (the cart answers 503) and a webhook receiver, for `body`.
    static func withShop(_ body: (Workspace, Requests) async throws -> Void) async throws {
        let hookRequests = Requests()
        try await FixtureHTTPServer.withServer(answering: { request in hookRequests.record(request); return .respond(.text("ok")) }) { hook in
            try await FixtureHTTPServer.withServer(answering: { request in
                request.path == "/cart" ? .respond(.text("down", status: 503)) : .respond(.text("ok"))
            }) { service in
                let workspace = try Workspace(["checks/shop.yml": Self.suite(service: service.baseURL, hook: hook.baseURL)])
                defer { workspace.remove() }
                try await body(workspace, hookRequests)
            }
        }
    }

    @Test func aFailingRunPushesItsFiguresAndAlertsWithItsExitCodeUnchanged() async throws {
        try await Self.withShop { workspace, hookRequests in
        guard let (result, samples) = try await TestTools.ifAvailable({
            try await Pushgateway.with { gateway in
                let result = try await Binary.run(["run", "checks", "--out", "reports", "--push-gateway", gateway.url, "--push-label", "branch=feature/push"],
                                                  environment: ["HOOK_SECRET": "e2e-hook-secret"], directory: workspace.directory)
                return (result, try await gateway.samples(named: ["smokegate_run_success", "smoke_test_total"], waitingUpTo: .seconds(10)))
            }
        }) else { return }
        #expect(result.status == 1, "a failed run exits 1 with or without a push and an alert: \(result.stderr)")
        #expect(!result.stderr.contains("warning") && !result.stderr.contains("failed for"), "\(result.stderr)")
        let success = try #require(samples.first { $0.name == "smokegate_run_success" }, "\(samples)")
        #expect(success.number == 0)
        #expect(success.labels == ["job": "smokegate", "environment": "green", "branch": "feature/push", "instance": ""])
        #expect(samples.first { $0.name == "smoke_test_total" && $0.labels["check"] == "cart" && $0.labels["result"] == "fail" }?.number == 5)

        let requests = hookRequests.all
        try #require(requests.count == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(requests[0].body)) as? [String: Any])
        #expect(json["kind"] as? String == "run")
        #expect(json["decision"] as? String == "fail")
        #expect(json["source"] as? String == "run")
        #expect(json["link"] as? String == "reports/verdict.json")
        #expect((json["targets"] as? [[String: Any]])?.map { $0["check"] as? String } == ["cart"])
        #expect(requests[0].header("X-Smokegate-Signature")?.hasPrefix("sha256=") == true)
        #expect(!String(decoding: requests[0].body, as: UTF8.self).contains("e2e-hook-secret"))
        }
    }

    @Test func aWatchWithDowntimePushesItAndAlerts() async throws {
        try await Self.withShop { workspace, hookRequests in
        guard let (result, samples) = try await TestTools.ifAvailable({
            try await Pushgateway.with { gateway in
                let result = try await Binary.run(["watch", "checks", "--interval", "100ms", "--duration", "1s", "--out", "reports", "--quiet",
                                                   "--push-gateway", gateway.url], environment: ["HOOK_SECRET": "e2e-hook-secret"],
                                                  directory: workspace.directory)
                return (result, try await gateway.samples(named: ["smokegate_downtime_seconds", "deployment_total"], waitingUpTo: .seconds(10)))
            }
        }) else { return }
        #expect(result.status == 1, "downtime fails the watch's default gate: \(result.stderr)")
        let report = try workspace.json("reports/verdict.json")
        let targets = try #require((report["watch"] as? [String: Any])?["targets"] as? [[String: Any]])
        let cart = try #require(targets.first { $0["check"] as? String == "cart" })
        let downtime = try #require(samples.first { $0.name == "smokegate_downtime_seconds" && $0.labels["check"] == "cart" }, "\(samples)")
        #expect(downtime.number == (cart["downtime_ms"] as? Double).map { $0 / 1000 })
        #expect(samples.first { $0.name == "deployment_total" && $0.labels["status"] == "failed" }?.number == 1)
        let requests = hookRequests.all
        try #require(requests.count == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(requests[0].body)) as? [String: Any])
        #expect(json["source"] as? String == "watch")
        #expect(json["decision"] as? String == "fail")
        // The same figure in both; JSON and the exposition text may round its last digit differently.
            let alerted = try #require((json["targets"] as? [[String: Any]])?.first?["downtime_seconds"] as? Double)
            #expect(abs(alerted - (downtime.number ?? -1)) < 1e-9, "\(alerted) vs \(downtime.value)")
        }
    }

    @Test func anUnreachablePushgatewayIsOneWarning() async throws {
        try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("ok")) }) { service in
            let workspace = try Workspace(["checks/shop.yml": """
                environments:
                  green: { base_url: "\(service.baseURL)" }
                checks:
                  - { name: health, http: GET /health }
                """])
            defer { workspace.remove() }
            // Port 1 on loopback: privileged, so no test server can take it, and nothing listens there. (A port closed
            // a moment ago could be taken by a parallel test's server and reset the connection instead.)
            let url = "http://127.0.0.1:1"
            let result = try await Binary.run(["run", "checks", "--out", "reports", "--push-gateway", url], directory: workspace.directory)
            #expect(result.status == 0, "the run passed; the push failing does not change that: \(result.stderr)")
            let warnings = result.stderr.split(separator: "\n").filter { $0.contains("Pushgateway") }
            #expect(warnings.count == 1, "\(result.stderr)")
            #expect(warnings.first?.hasPrefix("smokegate: push to the Pushgateway \(url) failed for green (connection_refused") == true, "\(result.stderr)")
            #expect(warnings.first?.hasSuffix("; the verdict stands") == true, "\(result.stderr)")
        }
    }

    @Test func pushOptionsAreChecked() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let bad = try await Binary.run(["run", "--push-gateway", "pushgateway:9091"], directory: workspace.directory)
        #expect(bad.status == 2, "\(bad.stderr)")
        #expect(bad.stderr.contains("--push-gateway must be an http:// or https:// URL"), "\(bad.stderr)")
        let reserved = try await Binary.run(["run", "--push-gateway", "http://127.0.0.1:9", "--push-label", "environment=x"], directory: workspace.directory)
        #expect(reserved.status == 2, "\(reserved.stderr)")
        #expect(reserved.stderr.contains("'environment' is set by smokegate itself"), "\(reserved.stderr)")
        let lonely = try await Binary.run(["watch", "--push-label", "branch=main"], directory: workspace.directory)
        #expect(lonely.status == 2, "\(lonely.stderr)")
        #expect(lonely.stderr.contains("--push-job and --push-label need --push-gateway URL"), "\(lonely.stderr)")
    }
}
