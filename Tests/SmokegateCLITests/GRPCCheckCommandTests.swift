import Foundation
import SmokegateFixtures
import Testing

extension RunsAlone {
    /// `grpc:` checks through the built binary, against scripts/test-servers/grpc_health_server.py (grpcio with the
    /// standard health service): a Python child process each and a deadline bounded, so they run alone.
    @Suite("grpc checks, end to end")
    struct GRPCCheckCommandTests {
        static func server() async throws -> (ScriptedServer, String) {
            try await ScriptedCheckSuite.start("grpc_health_server.py", scheme: "grpc")
        }

        static func suite(_ checks: String) -> String { ScriptedCheckSuite.suite("rpc", checks) }

        static func result(_ verdict: [String: Any], _ check: String) throws -> [String: Any] {
            try ScriptedCheckSuite.result(verdict, check, kind: "grpc")
        }

        static func reasons(_ result: [String: Any]) -> [String] { ScriptedCheckSuite.reasons(result) }

        @Test func servingPassesAndOtherStatusesFailByName() async throws {
            let (server, target) = try await Self.server()
            defer { server.stop() }
            let workspace = try Workspace(["checks/rpc.yml": Self.suite("""
                  - name: whole-server
                    samples: 2
                    grpc: "{{grpc}}"
                  - name: cart
                    grpc: { target: "{{grpc}}", service: shop.Cart, timeout: 2s }
                  - name: drained
                    grpc: { target: "{{grpc}}", service: shop.Drained }
                  - name: drained-on-purpose
                    grpc: { target: "{{grpc}}", service: shop.Drained }
                    expect: { serving: NOT_SERVING }
                  - name: retired
                    grpc: { target: "{{grpc}}", service: shop.Retired }
                  - name: unknown
                    grpc: { target: "{{grpc}}", service: shop.Nothing }

                """)])
            defer { workspace.remove() }
            let result = try await Binary.run(["run", "checks", "--var", "grpc=\(target)"], directory: workspace.directory)
            #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
            #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
            let verdict = try workspace.json("reports/verdict.json")
            for passing in ["whole-server", "cart", "drained-on-purpose"] {
                #expect(try Self.result(verdict, passing)["status"] as? String == "pass", "\(passing)")
            }
            #expect(try Self.result(verdict, "whole-server")["target"] as? String == target)
            #expect(try Self.result(verdict, "cart")["target"] as? String == target + "/shop.Cart")
            #expect(Self.reasons(try Self.result(verdict, "drained")) == ["NOT_SERVING"])
            #expect(Self.reasons(try Self.result(verdict, "retired")) == ["SERVICE_UNKNOWN"])
            #expect(Self.reasons(try Self.result(verdict, "unknown")) == ["NOT_FOUND"])
            #expect(try workspace.read("reports/junit.xml").contains("type=\"NOT_SERVING\""))
            let listing = try await Binary.run(["list", "checks", "--var", "grpc=\(target)"], directory: workspace.directory)
            #expect(listing.stdout.contains("grpc") && listing.stdout.contains(target + "/shop.Drained"), "\(listing.stdout)")
        }

        @Test func aServiceSwitchedToNotServingWhileRunningFailsFromThen() async throws {
            let (server, target) = try await Self.server()
            defer { server.stop() }
            let workspace = try Workspace(["checks/rpc.yml": Self.suite("""
                  - name: cart
                    samples: 40
                    interval: 50ms
                    grpc: { target: "{{grpc}}", service: shop.Cart }

                """)])
            defer { workspace.remove() }
            let calls = { server.lines.filter { $0.hasPrefix("CALL /grpc.health.v1.Health/Check") }.count }
            let result = try await Binary.run(["run", "checks", "--var", "grpc=\(target)"], directory: workspace.directory) { _ in
                try await WatchCommandTests.waitFor { calls() >= 10 }
                try await server.command("set shop.Cart NOT_SERVING")
            }
            #expect(result.status == 1)
            // `CALL` is logged when a call arrives and its status read later, so a call counted before the switch
            // can still be answered NOT_SERVING; the server's `ANSWER` lines say what each call was told, in the
            // order the statuses were decided.
            let answers = try await server.lines(atLeast: 40) { $0.hasPrefix("ANSWER shop.Cart ") }
            let firstNotServing = answers.firstIndex(of: "ANSWER shop.Cart NOT_SERVING") ?? answers.endIndex
            #expect(answers.count == 40, "\(answers)")
            #expect(firstNotServing > 0 && firstNotServing < answers.count, "\(answers)")
            #expect(answers[firstNotServing...].allSatisfy { $0 == "ANSWER shop.Cart NOT_SERVING" }, "\(answers)")
            let cart = try Self.result(try workspace.json("reports/verdict.json"), "cart")
            #expect(cart["samples_failed"] as? Int == answers.count - firstNotServing, "\(cart)")
            #expect(Self.reasons(cart) == ["NOT_SERVING"])
        }

        @Test func aHangingServiceCostsItsDeadlineAndNoMore() async throws {
            let (server, target) = try await Self.server()
            defer { server.stop() }
            let workspace = try Workspace(["checks/rpc.yml": Self.suite("""
                  - name: hang
                    grpc: { target: "{{grpc}}", service: shop.Hang, timeout: 2s }

                """)])
            defer { workspace.remove() }
            let started = ContinuousClock.now
            let result = try await Binary.run(["run", "checks", "--var", "grpc=\(target)"], directory: workspace.directory)
            let elapsed = ContinuousClock.now - started
            #expect(result.status == 1)
            #expect(Self.reasons(try Self.result(try workspace.json("reports/verdict.json"), "hang")) == ["DEADLINE_EXCEEDED"])
            #expect(elapsed >= .seconds(2) && elapsed < .seconds(8), "a hanging server's run took \(elapsed)")
            print("grpc hanging server: deadline 2s, whole run \(elapsed)")
        }

        @Test func tlsIsTrustedThroughTheHTTPChecksKeys() async throws {
            let certificates = try TestCertificates.make()
            defer { certificates.remove() }
            let tls = certificates.valid
            let (server, plainTarget) = try await ScriptedCheckSuite.start("grpc_health_server.py", arguments: ["--tls", tls.certificatePath, tls.keyPath],
                                                                           scheme: "grpcs")
            defer { server.stop() }
            let workspace = try Workspace(["checks/rpc.yml": Self.suite("""
                  - name: trusted
                    grpc: { target: "{{grpc}}", ca_file: "\(tls.certificatePath)" }
                    expect: { cert_expires_in: "> 1d", max_latency: 5s }
                  - name: untrusted
                    grpc: { target: "{{grpc}}" }

                """)])
            defer { workspace.remove() }
            let result = try await Binary.run(["run", "checks", "--var", "grpc=\(plainTarget)"], directory: workspace.directory)
            #expect(result.status == 1)
            let verdict = try workspace.json("reports/verdict.json")
            let trusted = try Self.result(verdict, "trusted")
            #expect(trusted["status"] as? String == "pass", "\(trusted)")
            #expect(trusted["certificate"] != nil)
            #expect(Self.reasons(try Self.result(verdict, "untrusted")) == ["tls_certificate_untrusted"])
        }

        @Test func metadataSecretsNeverReachAReport() async throws {
            let (server, target) = try await Self.server()
            defer { server.stop() }
            let secret = "s3cr3t-token-\(UUID().uuidString.prefix(8))"
            let workspace = try Workspace(["checks/rpc.yml": Self.suite("""
                  - name: echo
                    grpc:
                      target: "{{grpc}}"
                      service: shop.Echo
                      metadata: { authorization: "Bearer ${env:RPC_TOKEN}", x-api-key: "${env:RPC_TOKEN}" }

                """)])
            defer { workspace.remove() }
            let result = try await Binary.run(["run", "checks", "--var", "grpc=\(target)"], environment: ["RPC_TOKEN": secret],
                                              directory: workspace.directory)
            #expect(result.status == 1)
            // The server got it, and echoed it in its PERMISSION_DENIED message.
            _ = try await server.line { $0.hasPrefix("CALL") && $0.contains(secret) }
            let verdict = try workspace.read("reports/verdict.json")
            #expect(verdict.contains("PERMISSION_DENIED"))
            for text in [result.stdout, result.stderr, verdict, try workspace.read("reports/junit.xml")] {
                #expect(!text.contains(secret))
            }
        }
    }
}
