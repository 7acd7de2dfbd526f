import Foundation
import SmokegateFixtures
import Testing

extension RunsAlone {
    /// dns and grpc checks in a blue/green comparison through the built binary: one check each, blue's and green's
    /// targets chosen by environment variables, green's gRPC service draining.
    @Suite("dns and grpc checks in a comparison")
    struct DNSGRPCComparisonTests {
        @Test func aDrainingGreenIsRolledBackAndTheNameCheckIsCompared() async throws {
            let (dns, dnsAddress) = try await ScriptedCheckSuite.start("dns_server.py", scheme: "udp")
            defer { dns.stop() }
            let (grpc, grpcTarget) = try await ScriptedCheckSuite.start("grpc_health_server.py", scheme: "grpc")
            defer { grpc.stop() }
            let workspace = try Workspace(["checks/shop.yml": """
                environments:
                  blue: { vars: { service: shop.Cart } }
                  green: { vars: { service: shop.Drained } }
                compare: { baseline: blue, candidate: green }
                defaults: { samples: 20 }
                checks:
                  - name: www
                    dns: { name: www.test, server: "{{dns}}" }
                  - name: orders
                    grpc: { target: "{{grpc}}", service: "{{service}}" }

                """])
            defer { workspace.remove() }
            let result = try await Binary.run(["run", "checks", "--var", "dns=\(dnsAddress)", "--var", "grpc=\(grpcTarget)"],
                                              directory: workspace.directory)
            #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
            let verdict = try workspace.json("reports/verdict.json")
            #expect(verdict["decision"] as? String == "rollback")
            let comparisons = try #require(verdict["comparisons"] as? [[String: Any]])
            let decisions = Dictionary(uniqueKeysWithValues: comparisons.compactMap { comparison in
                (comparison["check"] as? String).map { ($0, comparison["decision"] as? String ?? "") }
            })
            #expect(decisions == ["www": "pass", "orders": "fail"])
            #expect(try await grpc.lines(atLeast: 40) { $0.hasPrefix("CALL") }.count == 40)
            #expect(try await dns.lines(atLeast: 40) { $0 == "QUERY udp www.test. A" }.count == 40)
        }
    }
}
