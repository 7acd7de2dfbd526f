import Foundation
import SmokegateConfig
import SmokegateFixtures
import SmokegateService
import SmokegateTestSupport
import SmokegateTestTools
import Synchronization
import Testing

/// `POST /-/reload`: a configuration that loads replaces the running one, keeping the state of targets that did not
/// change; one that does not load changes nothing but the reports of the failed reload.
@Suite("serve: reload")
struct ServeReloadTests {
    static func suite(changedPath: String) -> String {
        """
        environments:
          blue: { base_url: "{{kept}}" }
        serve: { every: 100ms }
        checks:
          - name: kept
            http: GET /kept
          - name: changed
            http: { url: "{{changed}}\(changedPath)" }
        """
    }

    @Test func reloadKeepsUnchangedTargetsRestartsChangedOnesAndRefusesABrokenConfig() async throws {
        // `kept` fails its first three probes, so it has a window to keep.
        let keptRequests = Shared(0)
        let kept = try await FixtureHTTPServer.start(answering: { _ in
            keptRequests.withLock { $0 += 1; return $0 } <= 3 ? .respond(.text("warming up", status: 503)) : .respond(.text("ok"))
        })
        let changed = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("ok")) })
        defer { Task { try? await kept.shutdown(); try? await changed.shutdown() } }
        let files = try TemporarySuite(["suite.yml": Self.suite(changedPath: "/before")])
        defer { files.remove() }
        let options = LoadOptions(variables: ["kept": kept.baseURL, "changed": changed.baseURL])
        try await LiveService.with(files, options: options) { (service: LiveService) async throws in
            #expect(try await eventually {
                let keptTarget = try await service.target("kept", in: "blue")
                let changedTarget = try await service.target("changed", in: "blue")
                return keptTarget?["state"] as? String == "up" && (changedTarget?["probes"] as? Int ?? 0) >= 30
            })
            let keptBefore = try #require(try await service.target("kept", in: "blue"))
            let changedBefore = try #require(try await service.target("changed", in: "blue"))
            #expect(keptBefore["window_count"] as? Int == 1)
            let changedProbes = try #require(changedBefore["probes"] as? Int)

            try Data(Self.suite(changedPath: "/after").utf8).write(to: URL(fileURLWithPath: files.path("suite.yml")))
            let reloaded = try await service.post("/-/reload")
            #expect(reloaded.status == 200, "\(reloaded.body)")
            #expect(reloaded.json["reloaded"] as? Bool == true)

            #expect(try await eventually { (try await service.target("changed", in: "blue")?["target"] as? String)?.hasSuffix("/after") == true })
            let changedAfter = try #require(try await service.target("changed", in: "blue"))
            let keptAfter = try #require(try await service.target("kept", in: "blue"))
            #expect((changedAfter["probes"] as? Int ?? .max) < changedProbes, "a changed target starts again")
            #expect((keptAfter["probes"] as? Int ?? 0) >= keptBefore["probes"] as? Int ?? .max, "an unchanged target keeps its count")
            #expect(keptAfter["window_count"] as? Int == 1)
            #expect((keptAfter["windows"] as? [[String: Any]])?.count == 1)
            #expect(keptAfter["since"] as? String == keptBefore["since"] as? String)
            #expect(try await service.get("/api/v1/status").json["config"].flatMap { ($0 as? [String: Any])?["last_reload"] as? [String: Any] }?["succeeded"] as? Bool == true)

            // A typo: the file no longer loads.
            try Data((Self.suite(changedPath: "/after") + "\n    expect: { stauts: 200 }\n").utf8).write(to: URL(fileURLWithPath: files.path("suite.yml")))
            let refused = try await service.post("/-/reload")
            #expect(refused.status == 422)
            #expect(refused.json["reloaded"] as? Bool == false)
            let errors = refused.json["errors"] as? [String] ?? []
            #expect(errors.contains { $0.hasPrefix(files.path("suite.yml") + ":9:15: error: unknown key 'stauts'") }, "\(errors)")

            let config = try await service.get("/api/v1/status").json["config"] as? [String: Any] ?? [:]
            let lastReload = config["last_reload"] as? [String: Any] ?? [:]
            #expect(lastReload["succeeded"] as? Bool == false)
            #expect(lastReload["errors"] as? [String] == errors)
            #expect(config["reload_failures"] as? Int == 1)
            let metrics = try await service.get("/metrics").body
            #expect(metrics.contains("\nsmokegate_config_reload_success 0\n"))
            #expect(metrics.contains("\nsmokegate_config_reload_failures_total 1\n"))
            #expect(service.log.messages.contains { $0.hasPrefix("configuration reload (POST /-/reload) refused") && $0.contains("unknown key 'stauts'") },
                    "\(service.log.messages)")

            // The previous configuration still probes.
            let probesAtRefusal = try await service.target("changed", in: "blue")?["probes"] as? Int ?? 0
            #expect(try await eventually { (try await service.target("changed", in: "blue")?["probes"] as? Int ?? 0) > probesAtRefusal + 3 })
            #expect((try await service.target("changed", in: "blue")?["target"] as? String)?.hasSuffix("/after") == true)
        }
    }
}
