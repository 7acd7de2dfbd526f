import Foundation
import SmokegateFixtures
import SmokegateTestTools
import Synchronization
import Testing

extension RunsAlone {
    /// `smokegate serve` as users and their tools meet it: the built binary on a free port, real Prometheus and
    /// promtool reading its metrics, signals sent to the process.
    @Suite("smokegate serve")
    struct ServeCommandTests {
        static func suite(every: String = "200ms", timeout: String = "2s", path: String = "/health", extra: String = "") -> String {
            """
            suite: shop
            environments:
              blue: { base_url: "{{url}}" }
            serve:
              every: \(every)
            gates:
              - error_rate < 1%
            checks:
              - name: health
                http: { url: "\(path)", timeout: \(timeout) }
            \(extra)
            """
        }

        @Test func prometheusScrapesItAndTheTokenGuardsOnlyTheAPI() async throws {
            let server = try await FixtureHTTPServer.start(answering: { _ in .respond(.json("{\"status\":\"UP\"}")) })
            defer { Task { try? await server.shutdown() } }
            let token = "token-\(UUID().uuidString)"
            let workspace = try Workspace(["checks/shop.yml": Self.suite(), "token": token + "\n"])
            defer { workspace.remove() }
            let serve = try await ServedBinary.start(["serve", "checks", "--var", "url=\(server.baseURL)", "--api-token-file", "token"],
                                                     directory: workspace.directory)
            let authorized = ["Authorization": "Bearer \(token)"]
            #expect(try await eventually { (try await serve.target("health", in: "blue", headers: authorized)?["probes"] as? Int ?? 0) >= 2 })

            let metrics = try await serve.get("/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
            if let verdict = try await TestTools.ifAvailable({ try await Promtool.checkMetrics(metrics.body) }) {
                #expect(verdict.ok, "promtool: \(verdict.output)")
            }
            #expect(try await serve.get("/api/v1/status").status == 401)
            #expect(try await serve.get("/healthz").status == 200)
            #expect(try await serve.get("/readyz").status == 200)

            // Both documents as their schemas describe them.
            let status = try await serve.get("/api/v1/status", headers: authorized)
            try Data(status.body.utf8).write(to: URL(fileURLWithPath: workspace.path("status.json")))
            #expect(try await Binary.schemaProblems(workspace.path("status.json"), schema: "docs/serve-status.schema.json") == "")
            let verdict = try await serve.get("/api/v1/verdict?environment=blue", headers: authorized)
            #expect(verdict.json["decision"] as? String == "pass", "\(verdict.body)")
            try Data(verdict.body.utf8).write(to: URL(fileURLWithPath: workspace.path("verdict.json")))
            #expect(try await Binary.schemaProblems(workspace.path("verdict.json"), schema: "docs/serve-verdict.schema.json") == "")

            // A real Prometheus scrapes /metrics (no token needed) and gives the values back through its API.
            let readBack = try await TestTools.ifAvailable {
                try await Prometheus.with(scraping: [Prometheus.Target(port: serve.port)]) { prometheus in
                    (try await prometheus.waitForSamples(#"smokegate_target_up{suite="shop",check="health",environment="blue"}"#, equals: 1),
                     try await prometheus.waitForSamples(#"smoke_test_total{check="health",result="pass"} > 0"#))
                }
            }
            if let readBack {
                let (up, total) = readBack
                #expect(up.found, "\(up)")
                #expect(total.found, "\(total)")
            }
            #expect(await serve.terminate() == 0, "stderr: \(serve.process.stderr)")
        }

        @Test func sighupWithABrokenConfigKeepsTheOldOneAndAChangedConfigKeepsUnchangedTargets() async throws {
            let server = try await SwitchableHTTPServer.start(version: "v1")
            defer { Task { try? await server.shutdown() } }
            let other = """
                  - name: other
                    http: { url: "/other", timeout: 2s }
                """
            let workspace = try Workspace(["checks/shop.yml": Self.suite(extra: other)])
            defer { workspace.remove() }
            let serve = try await ServedBinary.start(["serve", "checks/shop.yml", "--var", "url=\(server.baseURL)"], directory: workspace.directory)

            // `health` goes down once and comes back: a window it must keep across the reload.
            #expect(try await eventually { try await serve.target("health", in: "blue")?["state"] as? String == "up" })
            try await server.setMode(.refusing)
            #expect(try await eventually { try await serve.target("health", in: "blue")?["state"] as? String == "down" })
            try await server.setMode(.serving)
            #expect(try await eventually { try await serve.target("health", in: "blue")?["state"] as? String == "up" })
            #expect(try await eventually { (try await serve.target("other", in: "blue")?["probes"] as? Int ?? 0) >= 20 })

            // Broken: a typo. The old configuration goes on; the status, the metric and the log say why.
            try Data((Self.suite(extra: other) + "\n    expect: { stauts: 200 }\n").utf8).write(to: URL(fileURLWithPath: workspace.path("checks/shop.yml")))
            serve.process.send(SIGHUP)
            #expect(try await eventually {
                let config = try await serve.get("/api/v1/status").json["config"] as? [String: Any]
                return (config?["last_reload"] as? [String: Any])?["succeeded"] as? Bool == false
            })
            let config = try await serve.get("/api/v1/status").json["config"] as? [String: Any] ?? [:]
            let errors = (config["last_reload"] as? [String: Any])?["errors"] as? [String] ?? []
            #expect(errors.contains { $0.hasPrefix("checks/shop.yml:13:15: error: unknown key 'stauts'") }, "\(errors)")
            #expect(try await serve.get("/metrics").body.contains("\nsmokegate_config_reload_success 0\n"))
            #expect(serve.process.stderr.contains("refused, the previous configuration still runs: checks/shop.yml:13:15: error: unknown key 'stauts'"),
                    "\(serve.process.stderr)")
            let otherProbes = try await serve.target("other", in: "blue")?["probes"] as? Int ?? 0
            #expect(try await eventually { (try await serve.target("other", in: "blue")?["probes"] as? Int ?? 0) > otherProbes + 3 }, "the old configuration still probes")

            // Changed: `other` asks another path, `health` stays as it was.
            let healthBefore = try #require(try await serve.target("health", in: "blue"))
            let otherBefore = try #require(try await serve.target("other", in: "blue")?["probes"] as? Int)
            try Data(Self.suite(extra: other.replacingOccurrences(of: "/other", with: "/elsewhere")).utf8)
                .write(to: URL(fileURLWithPath: workspace.path("checks/shop.yml")))
            serve.process.send(SIGHUP)
            #expect(try await eventually { (try await serve.target("other", in: "blue")?["target"] as? String)?.hasSuffix("/elsewhere") == true })
            let otherAfter = try #require(try await serve.target("other", in: "blue"))
            let healthAfter = try #require(try await serve.target("health", in: "blue"))
            #expect((otherAfter["probes"] as? Int ?? .max) < otherBefore, "a changed target starts again")
            #expect((healthAfter["probes"] as? Int ?? 0) >= healthBefore["probes"] as? Int ?? .max, "an unchanged target keeps its probes")
            #expect(healthAfter["window_count"] as? Int == 1)
            #expect((healthAfter["windows"] as? [[String: Any]])?.count == 1)
            #expect(try await serve.get("/metrics").body.contains("\nsmokegate_config_reload_success 1\n"))
            #expect(serve.process.stderr.contains("configuration reloaded (SIGHUP)"))
            // The state changes were logged, one line each, in swift-log's text format.
            #expect(serve.process.stderr.contains("shop/health [blue] down: connection_refused: "), "\(serve.process.stderr)")
            #expect(serve.process.stderr.contains("shop/health [blue] up again after "))
            #expect(await serve.terminate() == 0)
        }

        @Test func sigtermWaitsForHangingProbesToTimeOutAndAnswersHealthzUntilThen() async throws {
            let arrivals = Shared<[ContinuousClock.Instant]>([])
            let server = try await FixtureHTTPServer.start(answering: { _ in
                arrivals.withLock { $0.append(.now) }
                return .hang
            })
            defer { Task { try? await server.shutdown() } }
            let workspace = try Workspace(["checks/shop.yml": Self.suite(every: "300ms", timeout: "3s")])
            defer { workspace.remove() }
            let serve = try await ServedBinary.start(["serve", "checks", "--var", "url=\(server.baseURL)"], directory: workspace.directory)
            #expect(try await eventually { arrivals.withLock { $0.count } >= 2 })

            serve.process.send(SIGTERM)
            let signalled = ContinuousClock.now
            let lastBeforeSignal = arrivals.withLock { $0.last } ?? signalled
            // Until the hanging probes time out, the service still answers.
            var answeredAfterSignal = 0, notReadyAfterSignal = 0
            while serve.process.isRunning, ContinuousClock.now - signalled < .seconds(30) {
                if try await serve.get("/healthz").status == 200 { answeredAfterSignal += 1 }
                if try await serve.get("/readyz").status == 503 { notReadyAfterSignal += 1 }
                try await Task.sleep(for: .milliseconds(100))
            }
            let status = await serve.process.waitForExit(within: .seconds(30))
            let exited = ContinuousClock.now
            #expect(status == 0, "stderr: \(serve.process.stderr)")
            #expect(answeredAfterSignal >= 2, "/healthz answered \(answeredAfterSignal) times after SIGTERM")
            #expect(notReadyAfterSignal >= 1, "/readyz says 503 while the probes drain")
            // Not before the last probe started before the signal reached its 3 s timeout (less a little for how late the
            // fixture saw the request), and not long after (a generous bound for a busy machine).
            #expect(exited - lastBeforeSignal >= .milliseconds(2_900), "exited \(exited - lastBeforeSignal) after the last probe started")
            #expect(exited - signalled < .seconds(15))
            // No probe started after the signal.
            #expect(arrivals.withLock { $0.allSatisfy { $0 <= signalled + .milliseconds(200) } })
        }

        @Test func anEchoedSecretReachesNoOutputAndJSONLogLinesParse() async throws {
            let secret = "planted-\(UUID().uuidString)"
            let server = try await FixtureHTTPServer.start(answering: { request in
                let values = request.headers.map(\.value).joined(separator: " | ")
                return .respond(FixtureResponse(status: 500, headers: [(name: "X-Echo", value: values), (name: "X-Version", value: request.header("X-Key") ?? "")],
                                                body: Array("you sent: \(values) at \(request.uri)".utf8)))
            })
            defer { Task { try? await server.shutdown() } }
            let workspace = try Workspace(["checks/shop.yml": """
                suite: shop
                environments:
                  blue: { base_url: "{{url}}" }
                serve: { every: 200ms }
                checks:
                  - name: echo
                    http:
                      url: "/echo?key=${env:PLANTED}"
                      headers: { X-Key: "${env:PLANTED}", Authorization: "Bearer ${env:PLANTED}" }
                    version_from: header X-Version
                    expect:
                      body: never in it
                """])
            defer { workspace.remove() }
            let serve = try await ServedBinary.start(["serve", "checks", "--var", "url=\(server.baseURL)", "--log-format", "json"],
                                                     environment: ["PLANTED": secret], directory: workspace.directory)
            #expect(try await eventually { (try await serve.target("echo", in: "blue")?["probes"] as? Int ?? 0) >= 3 })
            var outputs: [(String, String)] = []
            for path in ["/metrics", "/api/v1/status", "/api/v1/verdict?environment=blue", "/"] {
                let answer = try await serve.get(path)
                outputs.append((path, answer.body + answer.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")))
            }
            #expect(await serve.terminate() == 0)
            outputs.append(("stdout", serve.process.stdout))
            outputs.append(("stderr", serve.process.stderr))
            for (name, text) in outputs {
                #expect(!text.contains(secret), "the secret is in \(name):\n\(text)")
            }
            let lines = serve.process.stderr.split(separator: "\n")
            #expect(lines.contains { $0.contains("shop/echo [blue] down: ") })
            for line in lines {
                let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
                #expect(object?["message"] is String && object?["timestamp"] is String && object?["level"] is String, "not a JSON log line: \(line)")
            }
        }

        @Test func demoServeStartsTheShopAndServesItsSuite() async throws {
            let workspace = try Workspace()
            defer { workspace.remove() }
            let serve = try await ServedBinary.start(["demo", "--serve"], directory: workspace.directory)
            #expect(try await eventually { try await serve.get("/readyz").status == 200 })
            let status = try await serve.get("/api/v1/status").json
            let targets = status["targets"] as? [[String: Any]] ?? []
            #expect(targets.count == 16, "8 checks in blue and green")
            #expect(Set(targets.compactMap { $0["every_seconds"] as? Double }) == [2])
            // Every target's first probe comes somewhere in its 2 s interval: the page is loaded once all have answered.
            #expect(try await eventually {
                let targets = try await serve.get("/api/v1/status").json["targets"] as? [[String: Any]] ?? []
                return targets.count == 16 && targets.allSatisfy { $0["state"] as? String == "up" }
            })
            #expect(try await serve.get("/").status == 200)
            // The page as a person opens it: served by the binary, loaded by headless Chromium.
            let screenshot = workspace.directory.appendingPathComponent("status.png").path
            if let page = try await TestTools.ifAvailable({
                try await Chromium.check(url: serve.url + "/", selectors: ["[data-target]", "svg", "script", "img"], texts: ["16 targets in 2 environments", "product list"],
                                         screenshot: screenshot, timeout: .seconds(60))
            }) {
                #expect(page.ok, "\(page.problems)")
                #expect(page.consoleErrors.isEmpty && page.exceptions.isEmpty)
                #expect(page.externalRequests.isEmpty, "the page fetches nothing: \(page.externalRequests)")
                #expect(page.title == "smokegate: all 16 up")
                #expect(page.counts["[data-target]"] == 16, "every target has its row")
                let charts: Int? = page.counts["svg"] ?? nil
                #expect((charts ?? 0) >= 16, "a sparkline per target at least")
                #expect(page.counts["script"] == 0 && page.counts["img"] == 0)
            }
            #expect(await serve.terminate() == 0)
        }

        @Test(arguments: [(["--listen", "nowhere"], "--listen"), (["--listen", "127.0.0.1:99999"], "--listen"),
                          (["--api-token-file", "/nonexistent/token"], "--api-token-file"), (["--log-format", "xml"], "xml")])
        func badServeOptionsAreUsageErrors(arguments: [String], named: String) async throws {
            let workspace = try Workspace(["checks/shop.yml": Self.suite()])
            defer { workspace.remove() }
            let result = try await Binary.run(["serve", "checks", "--var", "url=http://127.0.0.1:1"] + arguments, directory: workspace.directory,
                                              timeout: .seconds(30))
            #expect(result.status == 2, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            #expect(result.stderr.contains(named), "\(result.stderr)")
        }

        @Test func aBrokenConfigAtStartIsAUsageError() async throws {
            let workspace = try Workspace(["checks/shop.yml": Self.suite() + "\n    expect: { stauts: 200 }\n"])
            defer { workspace.remove() }
            let result = try await Binary.run(["serve", "checks", "--var", "url=http://127.0.0.1:1"], directory: workspace.directory, timeout: .seconds(30))
            #expect(result.status == 2)
            #expect(result.stderr.contains("checks/shop.yml:12:15: error: unknown key 'stauts'"), "\(result.stderr)")
        }
    }
}
