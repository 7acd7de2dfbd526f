@testable import SmokegateConfig
@testable import SmokegateModel
import SmokegateProbes
import SmokegateTestSupport
import Testing

@Suite("DNS and gRPC check configs")
struct DNSGRPCCheckConfigTests {
    @Test func dnsChecksReadTheirServersPerEnvironmentAndDefaultToAnAnswer() async throws {
        let suite = try await TemporarySuite.load("""
            environments:
              blue: { vars: { resolver: "udp://10.0.0.2" } }
              green: { vars: { resolver: "tcp://[2001:db8::53]:5353" } }
            checks:
              - name: shorthand
                dns: www.example.com
              - name: per environment
                dns: { name: "www.example.com.", type: aaaa, server: "{{resolver}}", timeout: 2s, recursion: false }
                expect: { rcode: [NOERROR, NXDOMAIN], min_answers: 0 }
              - name: several
                dns: { name: example.com, type: MX, servers: ["udp://10.0.0.2:53", "10.0.0.3"] }
                version_from: answers
            """)
        guard case .dns(let shorthand)? = suite.checks[0].definitions["blue"]?.probe,
              case .dns(let blue)? = suite.checks[1].definitions["blue"]?.probe,
              case .dns(let green)? = suite.checks[1].definitions["green"]?.probe,
              case .dns(let several)? = suite.checks[2].definitions["blue"]?.probe else {
            Issue.record("expected dns probes")
            return
        }
        #expect(shorthand.query.type == .a && shorthand.servers.isEmpty && shorthand.query.timeout == .seconds(5))
        #expect(shorthand.display == "www.example.com. A @system")
        // Without rcode: NOERROR and at least one answer.
        #expect(suite.checks[0].definitions["blue"]?.expectations.map(\.reason.rawValue) == ["rcode", "answers"])
        #expect(blue.servers == [DNSServerAddress(transport: .udp, host: "10.0.0.2", port: 53)])
        #expect(green.servers == [DNSServerAddress(transport: .tcp, host: "2001:db8::53", port: 5353)])
        #expect(blue.query.type == .aaaa && blue.query.timeout == .seconds(2) && !blue.query.recursionDesired)
        #expect(suite.checks[1].definitions["blue"]?.expectations.map(\.reason.rawValue) == ["rcode", "answers"])
        #expect(several.servers.map(\.description) == ["udp://10.0.0.2:53", "udp://10.0.0.3:53"])
        #expect(suite.checks[2].definitions["blue"]?.probe.kind == "dns")
        guard case .answers? = suite.checks[2].definitions["blue"]?.versionSource else {
            Issue.record("expected version_from: answers")
            return
        }
    }

    @Test func grpcChecksTakeTheHTTPTrustKeysAndMaskTheirMetadata() async throws {
        let suite = try await TemporarySuite.load("""
            environments:
              blue: { vars: { orders: "grpc://10.0.0.5:50051" } }
              green: { vars: { orders: "grpcs://orders.example.com:443" }, tls_min_version: "1.3" }
            checks:
              - name: whole server
                grpc: "{{orders}}"
              - name: orders
                grpc:
                  target: "{{orders}}"
                  service: shop.Orders
                  metadata: { Authorization: "Bearer ${env:ORDERS_TOKEN}", X-Tenant: shop }
                  timeout: 2s
                expect: { serving: not_serving }
            """, options: LoadOptions(processEnvironment: ["ORDERS_TOKEN": "t0ken-value-123"]))
        guard case .grpc(let whole)? = suite.checks[0].definitions["blue"]?.probe,
              case .grpc(let blue)? = suite.checks[1].definitions["blue"]?.probe,
              case .grpc(let green)? = suite.checks[1].definitions["green"]?.probe else {
            Issue.record("expected grpc probes")
            return
        }
        #expect(whole.url == "http://10.0.0.5:50051" && whole.service == "" && whole.deadline == .seconds(10))
        #expect(suite.checks[0].definitions["blue"]?.probe.target == "grpc://10.0.0.5:50051")
        #expect(suite.checks[0].definitions["blue"]?.expectations.map(\.reason.rawValue) == ["serving_status"])
        #expect(blue.metadata.map(\.name) == ["authorization", "x-tenant"])
        #expect(blue.deadline == .seconds(2))
        #expect(green.url == "https://orders.example.com:443" && green.tlsMinimumVersion == .tls1_3)
        #expect(suite.checks[1].definitions["green"]?.probe.target == "grpcs://orders.example.com:443/shop.Orders")
        guard case .servingStatus(let status)? = suite.checks[1].definitions["blue"]?.expectations.first?.kind else {
            Issue.record("expected a serving expectation")
            return
        }
        #expect(status == .notServing)
        #expect(!suite.redactor.redact("echo: Bearer t0ken-value-123").contains("t0ken-value-123"))
    }
}
