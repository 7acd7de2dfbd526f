import Foundation
import SmokegateConfig
import SmokegateFixtures
import SmokegateReports
import SmokegateService
import SmokegateTestSupport
import SmokegateTestTools
import Synchronization
import Testing

/// A secret from `${env:…}` that the probed server sends straight back, in its body and its headers (one of them
/// the check's version), reaches none of the service's outputs.
@Suite("serve: secrets")
struct ServeSecretTests {
    /// Echoes every request header value in the body and in `X-Echo` / `X-Version`, and fails the check's body
    /// expectation, so the failure message quotes the body.
    static let echo: @Sendable (FixtureRequest) -> FixtureBehavior = { request in
        let values = request.headers.map(\.value).joined(separator: " | ")
        let key = request.header("X-Api-Key") ?? ""
        return .respond(FixtureResponse(status: 200, headers: [(name: "X-Echo", value: values), (name: "X-Version", value: key),
                                                              (name: "Content-Type", value: "text/plain")],
                                        body: Array("you sent: \(values) and \(request.uri)".utf8)))
    }

    static let suite = """
        environments:
          blue: { base_url: "{{url}}" }
        serve:
          every: 100ms
        checks:
          - name: echo
            http:
              url: "/echo?key=${env:PLANTED_SECRET}"
              headers:
                X-Api-Key: "${env:PLANTED_SECRET}"
                Authorization: "Bearer ${env:PLANTED_SECRET}"
            version_from: header X-Version
            expect:
              headers:
                X-Echo: { contains: "never echoed" }
              body: "text that is never in the body"
        """

    @Test func anEchoedSecretReachesNoMetricStatusVerdictPageOrLogLine() async throws {
        let secret = "planted-\(UUID().uuidString)"
        let received = Shared<[String]>([])
        let server = try await FixtureHTTPServer.start(answering: { request in
            received.withLock { $0.append(request.header("X-Api-Key") ?? "") }
            return Self.echo(request)
        })
        defer { Task { try? await server.shutdown() } }
        let files = try TemporarySuite(["suite.yml": Self.suite])
        defer { files.remove() }
        let options = LoadOptions(variables: ["url": server.baseURL], processEnvironment: ["PLANTED_SECRET": secret])
        // A page that shows everything it is given, as a careless renderer would.
        let page: ServeEndpoints.PageRenderer = { _, status in String(decoding: (try? JSONReport.encode(status)) ?? [], as: UTF8.self) }
        try await LiveService.with(files, options: options, page: page) { (service: LiveService) async throws in
            #expect(try await eventually { (try await service.target("echo", in: "blue")?["probes"] as? Int ?? 0) >= 3 })
            // The server really had the secret, and the probe really failed quoting what came back.
            #expect(received.withLock { $0.contains(secret) })
            let target = try #require(try await service.target("echo", in: "blue"))
            #expect(target["state"] as? String == "down")
            #expect((target["last"] as? [String: Any])?["message"] as? String != nil)
            #expect(target["version"] as? String == "***", "the version header carried the secret")

            var outputs: [(String, String)] = []
            for path in ["/metrics", "/api/v1/status", "/api/v1/verdict?environment=blue", "/"] {
                let answer = try await service.get(path)
                #expect(answer.status == 200, "\(path)")
                outputs.append((path, answer.body))
                outputs.append((path + " headers", answer.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")))
            }
            outputs.append(("log", service.log.text))
            for (name, text) in outputs {
                #expect(!text.contains(secret), "the secret is in \(name):\n\(text)")
            }
            #expect(service.log.messages.contains { $0.hasPrefix("suite/echo [blue] down: ") }, "the log has the down line: \(service.log.messages)")
        }
    }
}
