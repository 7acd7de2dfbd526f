import Foundation
import SmokegateFixtures
import SmokegateTestTools
import Testing

extension RunsAlone {
    /// dns and grpc checks under `smokegate serve`: probed on their own schedules, their metrics labelled by kind.
    @Suite("dns and grpc checks served")
    struct DNSGRPCServeTests {
        @Test func metricsCarryTheKindAndTheReasonsByName() async throws {
            let (dns, dnsAddress) = try await ScriptedCheckSuite.start("dns_server.py", scheme: "udp")
            defer { dns.stop() }
            let (grpc, grpcTarget) = try await ScriptedCheckSuite.start("grpc_health_server.py", scheme: "grpc")
            defer { grpc.stop() }
            let workspace = try Workspace(["checks/shop.yml": ScriptedCheckSuite.suite("shop", """
                  - name: www
                    every: 200ms
                    dns: { name: www.test, server: "{{dns}}" }
                    version_from: answers
                  - name: drained
                    every: 200ms
                    grpc: { target: "{{grpc}}", service: shop.Drained }

                """)])
            defer { workspace.remove() }
            let serve = try await ServedBinary.start(["serve", "checks", "--var", "dns=\(dnsAddress)", "--var", "grpc=\(grpcTarget)"],
                                                     directory: workspace.directory)
            #expect(try await eventually {
                let www = try await serve.target("www", in: "public")?["probes"] as? Int ?? 0
                let drained = try await serve.target("drained", in: "public")?["probes"] as? Int ?? 0
                return www >= 2 && drained >= 2
            })
            let metrics = try await serve.get("/metrics").body
            #expect(await serve.terminate() == 0)
            let www = "suite=\"shop\",check=\"www\",environment=\"public\",kind=\"dns\""
            let drained = "suite=\"shop\",check=\"drained\",environment=\"public\",kind=\"grpc\""
            #expect(metrics.contains("smokegate_target_up{\(www)} 1"), "\(metrics)")
            #expect(metrics.contains("smokegate_target_up{\(drained)} 0"))
            #expect(metrics.contains("smokegate_probe_failures_total{\(drained),reason=\"NOT_SERVING\"}"))
            #expect(metrics.contains("smokegate_probe_phase_duration_seconds_count{\(www),phase=\"query\"}"))
            #expect(metrics.contains("version=\"192.0.2.10 192.0.2.11\""))
        }
    }
}
