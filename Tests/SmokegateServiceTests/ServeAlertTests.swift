import Foundation
import SmokegateConfig
import SmokegateFixtures
import SmokegateService
import SmokegateTestSupport
import SmokegateTestTools
import Testing

/// serve's alerts, wired: a target that goes down sends one failing message to a real local webhook receiver, its
/// recovery one resolved message, and `/metrics` counts both as sent.
@Suite("serve: alerts")
struct ServeAlertTests {
    @Test func aTargetGoingDownAndComingBackSendsFailingThenResolvedAndCountsThem() async throws {
        let down = Shared(false)
        let target = try await FixtureHTTPServer.start(answering: { _ in
            down.withLock { $0 } ? .respond(.text("down", status: 503)) : .respond(.text("ok"))
        })
        let bodies = Shared<[String]>([])
        let receiver = try await FixtureHTTPServer.start(answering: { request in
            bodies.withLock { $0.append(String(decoding: request.body, as: UTF8.self)) }
            return .respond(.text("ok"))
        })
        defer { Task { try? await target.shutdown(); try? await receiver.shutdown() } }
        let files = try TemporarySuite(["suite.yml": """
            environments:
              blue: { base_url: "{{target}}" }
            serve: { every: 100ms }
            alerts:
              failure_threshold: 2
              success_threshold: 2
              group_within: 0s
              webhook: { url: "{{receiver}}/hook" }
            checks:
              - name: health
                http: GET /health
            """])
        defer { files.remove() }
        let options = LoadOptions(variables: ["target": target.baseURL, "receiver": receiver.baseURL])
        try await LiveService.with(files, options: options) { (service: LiveService) async throws in
            #expect(try await eventually { try await service.target("health", in: "blue")?["state"] as? String == "up" })
            #expect(bodies.withLock { $0 }.isEmpty, "an up target sends nothing")

            down.withLock { $0 = true }
            let wentDown = ContinuousClock.now
            #expect(await eventually { bodies.withLock { $0.count } >= 1 }, "no failing message arrived")
            // A figure for the notes, not a bound: two failing probes 100 ms apart, then the message.
            print("serve alert: down to failing message at the receiver in \(ContinuousClock.now - wentDown)")
            let failing = try #require(bodies.withLock { $0.first })
            #expect(failing.contains("health"), "\(failing)")
            #expect(failing.contains("blue"), "\(failing)")

            down.withLock { $0 = false }
            let cameBack = ContinuousClock.now
            #expect(await eventually { bodies.withLock { $0.count } >= 2 }, "no resolved message arrived")
            print("serve alert: up to resolved message at the receiver in \(ContinuousClock.now - cameBack)")
            let resolved = try #require(bodies.withLock { $0.dropFirst().first })
            #expect(resolved.lowercased().contains("resolved") || resolved.lowercased().contains("recovered"), "\(resolved)")
            #expect(bodies.withLock { $0.count } == 2, "one message each way: \(bodies.withLock { $0 })")

            let metrics = try await service.get("/metrics").body
            #expect(metrics.contains("smokegate_alerts_sent_total{provider=\"webhook\"} 2"), "\(metrics.suffix(1_500))")
            #expect(metrics.contains("smokegate_alerts_backlog 0"))
        }
    }
}
