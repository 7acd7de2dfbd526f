import Foundation
import SmokegateConfig
import SmokegateFixtures
import SmokegateService
import SmokegateTestSupport
import SmokegateTestTools
import Testing

/// The service's endpoints against a live server, fixture servers as the targets.
@Suite("serve: endpoints")
struct ServeEndpointTests {
    static let twoEnvironments = """
        suite: svc
        environments:
          blue:
            base_url: "{{blue_url}}"
          green:
            base_url: "{{green_url}}"
        serve:
          every: 100ms
          verdict_span: 1m
        gates:
          - error_rate < 1%
        checks:
          - name: health
            http: { url: /health, timeout: 2s }
            version_from: header X-Version
            expect:
              status: 200
        """

    @Test func stateFollowsTheTargetDownAndUpAgain() async throws {
        let blue = try await FixtureHTTPServer.start(answering: { _ in .respond(.json("{\"status\":\"ok\"}")) })
        let green = try await SwitchableHTTPServer.start(version: "v2")
        defer { Task { try? await blue.shutdown(); try? await green.shutdown() } }
        let files = try TemporarySuite(["suite.yml": Self.twoEnvironments])
        defer { files.remove() }
        let options = LoadOptions(variables: ["blue_url": blue.baseURL, "green_url": green.baseURL])
        try await LiveService.with(files, options: options) { (service: LiveService) async throws in
            #expect(try await service.get("/healthz").status == 200)
            #expect(try await eventually { try await service.get("/readyz").status == 200 })
            #expect(try await eventually { try await service.target("health", in: "green")?["state"] as? String == "up" })

            let metrics = try await service.get("/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true, "\(metrics.headers)")
            #expect(metrics.body.contains(#"smokegate_target_up{suite="svc",check="health",environment="green",kind="http"} 1"#), "\(metrics.body)")
            #expect(metrics.body.contains(#"smokegate_target_version_info{suite="svc",check="health",environment="green",kind="http",version="v2"} 1"#))

            try await green.setMode(.refusing)
            #expect(try await eventually { try await service.target("health", in: "green")?["state"] as? String == "down" })
            let down = try #require(try await service.target("health", in: "green"))
            let last = try #require(down["last"] as? [String: Any])
            // Refused once the listener is gone; a probe caught mid-switch (its connection dropped) reads reset.
            let dropped: Set<String> = ["connection_refused", "connection_reset"]
            #expect(dropped.contains(last["reason"] as? String ?? ""), "\(last)")
            #expect(last["passed"] as? Bool == false)
            #expect((down["windows"] as? [[String: Any]])?.last?["ongoing"] as? Bool == true)
            #expect(try await service.get("/metrics").body.contains(#"smokegate_target_up{suite="svc",check="health",environment="green",kind="http"} 0"#))
            #expect(try await service.target("health", in: "blue")?["state"] as? String == "up")

            try await green.setMode(.serving)
            #expect(try await eventually { try await service.target("health", in: "green")?["state"] as? String == "up" })
            let up = try #require(try await service.target("health", in: "green"))
            #expect(up["window_count"] as? Int == 1)
            let window = try #require((up["windows"] as? [[String: Any]])?.first)
            #expect(window["ongoing"] as? Bool == false)
            let reason = try #require(window["reason"] as? String)
            #expect(dropped.contains(reason), "\(window)")
            #expect((window["duration_seconds"] as? Double ?? 0) > 0)
            #expect((up["downtime_seconds"] as? Double ?? 0) > 0)

            // One line per window opened and closed, and one for the version first seen; nothing for steady probes.
            let messages = service.log.messages
            #expect(messages.contains { $0.hasPrefix("svc/health [green] down: \(reason): ") }, "the log names the window's reason: \(messages)")
            #expect(messages.contains { $0.hasPrefix("svc/health [green] up again after ") }, "\(messages)")
            #expect(messages.contains("svc/health [green] answers with version v2"), "\(messages)")
            #expect(messages.count { $0.contains("[green] down") } == 1)
            let downLine = try #require(service.log.objects.first { ($0["message"] as? String)?.contains("[green] down") == true })
            #expect(downLine["level"] as? String == "warning")
            #expect((downLine["metadata"] as? [String: Any])?["reason"] as? String == reason)
        }
    }

    @Test func verdictIsNoDataThenPassOrFailWithTheGatesReason() async throws {
        let blue = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("ok")) })
        let green = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("no backend", status: 503)) })
        // Every probe of `slow` hangs until its timeout: none finishes while the test looks.
        let slow = try await FixtureHTTPServer.start(answering: { _ in .hang })
        defer { Task { try? await blue.shutdown(); try? await green.shutdown(); try? await slow.shutdown() } }
        let files = try TemporarySuite(["suite.yml": """
            suite: svc
            environments:
              blue: { base_url: "{{blue}}" }
              green: { base_url: "{{green}}" }
              slow: { base_url: "{{slow}}" }
            serve:
              every: 100ms
              verdict_span: 1m
            gates:
              - error_rate < 1%
            checks:
              - name: health
                http: { url: /health, timeout: 60s }
            """])
        defer { files.remove() }
        let options = LoadOptions(variables: ["blue": blue.baseURL, "green": green.baseURL, "slow": slow.baseURL])
        try await LiveService.with(files, options: options) { (service: LiveService) async throws in
            let noData = try await service.get("/api/v1/verdict?environment=slow")
            #expect(noData.status == 200)
            #expect(noData.json["decision"] as? String == "no_data", "\(noData.body)")
            #expect(noData.json["span_seconds"] as? Double == 60, "the suite's serve.verdict_span")

            #expect(try await eventually { try await service.get("/api/v1/verdict?environment=blue&span=30s").json["decision"] as? String == "pass" })
            let pass = try await service.get("/api/v1/verdict?environment=blue&span=30s").json
            #expect(pass["span_seconds"] as? Double == 30)
            #expect((pass["probes"] as? Int ?? 0) > 0)
            #expect(pass["reasons"] as? [String] == [])

            #expect(try await eventually { try await service.get("/api/v1/verdict?environment=green").json["decision"] as? String == "fail" })
            let fail = try await service.get("/api/v1/verdict?environment=green").json
            let reasons = fail["reasons"] as? [String] ?? []
            #expect(reasons.count == 1)
            #expect(reasons.first?.hasPrefix("gate error_rate < 1% failed in green over the last 1m") == true, "\(reasons)")
            #expect(fail["down"] as? [String] == ["svc/health"])

            #expect(try await service.get("/api/v1/verdict?environment=purple").status == 404)
            #expect(try await service.get("/api/v1/verdict").status == 400)
            for span in ["soon", "0s", "500ms", "2d"] {
                let answer = try await service.get("/api/v1/verdict?environment=blue&span=\(span)")
                #expect(answer.status == 400, "span=\(span)")
                #expect((answer.json["error"] as? String)?.contains("span") == true, "\(answer.body)")
            }
            #expect(try await service.get("/api/v1/verdict?environment=slow").json["decision"] as? String == "no_data")
            // Closing the hung connections ends `slow`'s probes, so the shutdown does not wait out their timeout.
            try await slow.shutdown()
        }
    }

    @Test func theTokenGuardsTheAPIAndReloadButNotMetricsHealthOrThePage() async throws {
        let server = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("ok")) })
        defer { Task { try? await server.shutdown() } }
        let files = try TemporarySuite(["suite.yml": """
            environments:
              blue: { base_url: "{{url}}" }
            serve: { every: 1s }
            checks:
              - name: health
                http: GET /health
            """])
        defer { files.remove() }
        let token = "tok-\(UUID().uuidString)"
        try await LiveService.with(files, options: LoadOptions(variables: ["url": server.baseURL]), token: token,
                                   page: { _, status in "<html><body>\(status.summary.targets) targets</body></html>" }) { (service: LiveService) async throws in
            let good = ["Authorization": "Bearer \(token)"]
            // As long as the token, one character off: only a comparison of the content refuses it.
            let sameLength = String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0")
            for (method, path) in [("GET", "/api/v1/status"), ("GET", "/api/v1/verdict?environment=blue"), ("POST", "/-/reload"),
                                   ("GET", "//api/v1/status"), ("GET", "/%61pi/v1/status"), ("GET", "/api/v2/anything")] {
                for headers in [[:], ["Authorization": "Bearer wrong"], ["Authorization": "Bearer \(token)x"], ["Authorization": "Bearer \(sameLength)"],
                                ["Authorization": token],
                                ["Authorization": "Basic \(token)"]] {
                    let answer = try await Curl.request(service.url + path, method: method, headers: headers)
                    #expect(answer.status == 401, "\(method) \(path) \(headers)")
                    #expect(answer.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
                    #expect(!answer.body.contains(token))
                }
            }
            #expect(try await service.get("/api/v1/status", headers: good).status == 200)
            #expect(try await service.get("/api/v1/status", headers: ["Authorization": "bearer \(token)"]).status == 200)
            #expect(try await service.get("/api/v1/verdict?environment=blue", headers: good).status == 200)
            #expect(try await service.post("/-/reload", headers: good).status == 200)
            for path in ["/metrics", "/healthz", "/readyz", "/"] {
                let answer = try await service.get(path)
                #expect(answer.status != 401, "\(path)")
            }
            #expect(try await service.get("/metrics").status == 200)
            let page = try await service.get("/")
            #expect(page.status == 200)
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(page.body.contains("1 targets"))
        }
    }

    @Test func withoutAPageRendererTheRootIsNotFound() async throws {
        let files = try TemporarySuite(["suite.yml": """
            environments:
              blue: { base_url: "http://127.0.0.1:1" }
            serve: { every: 1s }
            checks:
              - name: health
                http: { url: /health, timeout: 1s }
            """])
        defer { files.remove() }
        try await LiveService.with(files) { (service: LiveService) async throws in
            #expect(try await service.get("/").status == 404)
            #expect(try await service.get("/nothing-here").status == 404)
        }
    }
}
