import Foundation
import SmokegateConfig
import SmokegateFixtures
import SmokegateService
import SmokegateTestSupport
import SmokegateTestTools
import Testing

/// `/metrics` as Prometheus' own tools read it.
@Suite("serve: metrics")
struct ServeMetricsTests {
    @Test func promtoolAcceptsTheMetricsWithEveryFamilyFilledIn() async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        let https = try await FixtureHTTPServer.start(answering: { _ in
            .respond(FixtureResponse(status: 200, headers: [(name: "X-Version", value: "v\"1\\2")], body: Array("ok".utf8)))
        }, tls: certificates.expiresSoon)
        let failing = try await FixtureHTTPServer.start(answering: { _ in .respond(.text("down", status: 503)) })
        defer { Task { try? await https.shutdown(); try? await failing.shutdown() } }
        let files = try TemporarySuite(["suite.yml": """
            suite: metrics
            environments:
              blue: { base_url: "\(https.httpsBaseURL)" }
            serve: { every: 100ms }
            checks:
              - name: "tls \\"quoted\\" check"
                http: { url: /, insecure: true }
                version_from: header X-Version
              - name: failing
                http: "\(failing.baseURL)/"
              - name: refused
                http: { url: "http://127.0.0.1:1/", timeout: 1s }
            """])
        defer { files.remove() }
        try await LiveService.with(files) { (service: LiveService) async throws in
            #expect(try await eventually {
                let status = try await service.get("/api/v1/status").json
                let targets = status["targets"] as? [[String: Any]] ?? []
                return targets.count == 3 && targets.allSatisfy { ($0["probes"] as? Int ?? 0) >= 2 }
            })
            let metrics = try await service.get("/metrics").body
            for family in ["smoke_test_total", "smoke_test_duration_seconds_bucket", "smokegate_target_up", "smokegate_probe_phase_duration_seconds_bucket",
                           "smokegate_probe_failures_total", "smokegate_probes_missed_total", "smokegate_downtime_seconds_total",
                           "smokegate_downtime_windows_total", "smokegate_certificate_expiry_timestamp_seconds", "smokegate_target_version_info",
                           "smokegate_targets", "smokegate_config_reload_success", "smokegate_config_reload_failures_total",
                           "smokegate_config_loaded_timestamp_seconds", "smokegate_build_info", "smokegate_start_time_seconds"] {
                #expect(metrics.contains("\n\(family){") || metrics.contains("\n\(family) "), "no sample of \(family)")
            }
            #expect(metrics.contains(#"reason="connection_refused""#))
            #expect(metrics.contains(#"reason="status""#))
            #expect(metrics.contains(#"check="tls \"quoted\" check""#), "label values escaped")
            #expect(metrics.contains(#"version="v\"1\\2""#))
            let expiry = certificates.expiresSoon.notAfter.timeIntervalSince1970.rounded()
            #expect(metrics.contains("smokegate_certificate_expiry_timestamp_seconds{suite=\"metrics\",check=\"tls \\\"quoted\\\" check\",environment=\"blue\",kind=\"http\"} \(Int64(expiry))"))
            #expect(metrics.contains(#"smokegate_build_info{version="0.0.0-test"} 1"#))

            guard let verdict = try await TestTools.ifAvailable({ try await Promtool.checkMetrics(metrics) }) else { return }
            #expect(verdict.ok, "promtool: \(verdict.output)\n\(metrics)")
        }
    }
}
