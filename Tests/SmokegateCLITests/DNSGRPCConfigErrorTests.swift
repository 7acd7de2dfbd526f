import Foundation
import Testing

/// Mistakes in `dns:` and `grpc:` checks, as `smokegate validate` reports them: each at its file:line:column, with
/// a suggestion where a near name exists. No server is needed.
@Suite struct DNSGRPCConfigErrorTests {
    static let broken = """
        checks:
          - name: typo-type
            dns: { name: www.example.com, type: AAA }
          - name: bad-name
            dns: "www..example.com"
          - name: typo-key
            dns: { name: www.example.com, sever: "udp://10.0.0.2:53" }
          - name: bad-server
            dns: { name: www.example.com, server: "dns.example.com:53" }
          - name: bad-rcode
            dns: www.example.com
            expect: { rcode: NXDOMIAN }
          - name: wrong-kind-key
            dns: www.example.com
            expect: { status: 200 }
          - name: bad-target
            grpc: { target: "https://10.0.0.5:50051" }
          - name: bad-serving
            grpc: grpc://10.0.0.5:50051
            expect: { serving: SERVNG }
          - name: reserved-metadata
            grpc: { target: "grpc://10.0.0.5:50051", metadata: { grpc-timeout: 1S } }
          - name: answers-version-on-grpc
            grpc: grpc://10.0.0.5:50051
            version_from: answers

        """

    @Test func everyMistakeIsNamedWhereItIs() async throws {
        let workspace = try Workspace(["checks/api.yml": Self.broken])
        defer { workspace.remove() }
        let result = try await Binary.run(["validate", "checks"], directory: workspace.directory)
        #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
        let errors = result.stderr
        let expected = [
            "checks/api.yml:3:41: error: dns type must be one of A, AAAA, CNAME, MX, TXT, SRV, NS, CAA, found 'AAA'; did you mean 'AAAA'?",
            "checks/api.yml:5:11: error: dns name: \"www..example.com\" is not a DNS name: it has an empty label.",
            "checks/api.yml:7:35: error: unknown key 'sever' in dns; did you mean 'server'?",
            "did you mean 'server'?",
            "checks/api.yml:9:44: error: dns server must be udp://ADDRESS:PORT or tcp://ADDRESS:PORT",
            "checks/api.yml:12:22: error: unknown DNS response code 'NXDOMIAN'",
            "did you mean 'NXDOMAIN'?",
            "checks/api.yml:15:15: error: 'status' does not apply to dns checks (it is for http checks)",
            "checks/api.yml:17:22: error: grpc target must be grpc://HOST:PORT (cleartext HTTP/2) or grpcs://HOST:PORT (TLS), found 'https://10.0.0.5:50051'",
            "checks/api.yml:20:24: error: serving must be SERVING, NOT_SERVING, SERVICE_UNKNOWN, UNKNOWN, found 'SERVNG'; did you mean 'SERVING'?",
            "checks/api.yml:22:72: error: the metadata name 'grpc-timeout' is reserved by gRPC or HTTP/2",
            "checks/api.yml:25:19: error: version_from applies to http checks ('header NAME', 'json PATH') and dns checks ('answers'), not grpc",
        ]
        for line in expected {
            #expect(errors.contains(line), "missing: \(line)\nin:\n\(errors)")
        }
    }
}
