import Foundation
import SmokegateAlerts
import SmokegateConfig
import SmokegateCore
import SmokegateEngine
import SmokegateFixtures
import SmokegateModel
import SmokegateTestSupport
import Synchronization
import Testing

/// serve's alerting end to end: a real monitor probing a fixture that goes down and comes back, `ServeAlerts`
/// observing it, a webhook receiver recording what arrives; and a restart with an incident still open.
@Suite struct ServeAlertsTests {
    /// The probed service: up or down at the test's word; down, it answers 503 and echoes the request's token.
    final class Service: Sendable {
        private let down = Atomic(false)
        func set(down value: Bool) { down.store(value, ordering: .sequentiallyConsistent) }
        func answer(_ request: FixtureRequest) -> FixtureBehavior {
            guard down.load(ordering: .sequentiallyConsistent) else { return .respond(.text("ok")) }
            return .respond(.text("maintenance, your token was \(request.header("X-Token") ?? "none")", status: 503))
        }
    }

    static let secret = "planted-\(UUID().uuidString.prefix(8))"

    /// Three checks of green probed every 100 ms; `threshold` failing (or passing) probes make a change, targets
    /// failing within `groupWithin` share a message.
    static func suite(service: String, receiver: String, threshold: Int = 2, groupWithin: String = "5s", checks: Int = 3) async throws -> Suite {
        try await TemporarySuite.load("""
            suite: shop
            environments:
              green: { base_url: "\(service)", headers: { X-Token: "${env:SHOP_TOKEN}" } }
            alerts:
              failure_threshold: \(threshold)
              success_threshold: \(threshold)
              group_within: \(groupWithin)
              link: https://status.example.com/
              webhook: { url: "\(receiver)/hook", secret: "${env:HOOK_SECRET}" }
            checks:
            \(["home", "cart", "search"].prefix(checks).map { "  - { name: \($0), http: GET /\($0), every: 100ms }" }.joined(separator: "\n"))
            """, options: LoadOptions(processEnvironment: ["SHOP_TOKEN": secret, "HOOK_SECRET": "hook-\(secret)"]))
    }

    /// Runs a monitor and a `ServeAlerts` over it (observing every 50 ms) until `body` returns.
    static func serving<T: Sendable>(_ suite: Suite, store: any IncidentStore, prober: Prober, delivery: AlertDelivery,
                                     _ body: (UptimeMonitor, ServeAlerts) async throws -> T) async throws -> T {
        let monitor = UptimeMonitor(suite: suite)
        let alerts = ServeAlerts(suite: suite, store: store, delivery: delivery, warn: { line in Issue.record("\(line)") })
        try await alerts.restore()
        let probing = Task { await monitor.run(prober: prober) }
        let observing = Task {
            while !Task.isCancelled {
                await alerts.observe(monitor.snapshot())
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        defer {
            observing.cancel()
            monitor.stop()
        }
        let result = try await body(monitor, alerts)
        observing.cancel()
        monitor.stop()
        await probing.value
        return result
    }

    /// Polls `condition` every 20 ms, for at most 30 s (then the test fails).
    static func until(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("the condition did not hold within 30 s")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The service, a webhook receiver, the suite between them, and a delivery queue running until `body` returns.
    static func withDelivery(_ service: Service, threshold: Int = 2, groupWithin: String = "5s", checks: Int = 3,
                             _ body: (Suite, Prober, AlertDelivery, Receiver) async throws -> Void) async throws {
        try await Receiver.with { hook, receiver in
            try await FixtureHTTPServer.withServer(answering: service.answer) { server in
                let suite = try await Self.suite(service: server.baseURL, receiver: hook.baseURL, threshold: threshold, groupWithin: groupWithin, checks: checks)
                try await Prober.with { prober in
                    let delivery = AlertDelivery(prober: prober, redactor: suite.redactor, warn: { line in Issue.record("\(line)") })
                    let sending = Task { await delivery.run() }
                    try await body(suite, prober, delivery, receiver)
                    delivery.finish()
                    await sending.value
                }
            }
        }
    }

    @Test func downAndUpAgainMakeOneGroupedMessageAndOneResolve() async throws {
        let service = Service()
        try await Self.withDelivery(service) { suite, prober, delivery, receiver in
            try await Self.serving(suite, store: InMemoryIncidentStore(), prober: prober, delivery: delivery) { monitor, _ in
                try await Self.until { monitor.snapshot().targets.allSatisfy { $0.status == .up } }
                service.set(down: true)
                await receiver.wait(for: 1)
                service.set(down: false)
                await receiver.wait(for: 2)
            }
            await delivery.idle()
            let requests = receiver.all
            try #require(requests.count == 2, "\(requests.map(\.body))")
            let opened = requests[0].json, resolved = requests[1].json
            #expect(opened["kind"] as? String == "failing")
            #expect(opened["title"] as? String == "green: 3 of 3 checks failing", "three targets down within 5 s: one message")
            #expect((opened["targets"] as? [[String: Any]])?.count == 3)
            #expect(resolved["kind"] as? String == "resolved")
            #expect(resolved["dedup_key"] as? String == opened["dedup_key"] as? String)
            for request in requests {
                let raw = String(decoding: request.request.body, as: UTF8.self) + request.request.headers.map { "\($0.name): \($0.value)" }.joined()
                #expect(!raw.contains(Self.secret), "the echoed token reached an alert: \(raw)")
            }
            #expect((opened["targets"] as? [[String: Any]])?.first?["message"] as? String == "expected status 2xx, got 503 (body: maintenance, your token was ***)")
        }
    }

    /// How long from a target's state changing to its message arriving: one check, the first failing (or passing)
    /// probe decides, no grouping. What remains is the probe (every 100 ms), the observation (every 50 ms here),
    /// the queue and the request. Printed for the record; the bound is only there to catch a message that never comes.
    @Test func aStateChangeReachesTheReceiverPromptly() async throws {
        let service = Service()
        try await Self.withDelivery(service, threshold: 1, groupWithin: "0s", checks: 1) { suite, prober, delivery, receiver in
            let clock = ContinuousClock()
            let (wentDown, cameUp) = try await Self.serving(suite, store: InMemoryIncidentStore(), prober: prober, delivery: delivery) { monitor, _ in
                try await Self.until { monitor.snapshot().targets.allSatisfy { $0.status == .up } }
                let wentDown = clock.now
                service.set(down: true)
                await receiver.wait(for: 1)
                let cameUp = clock.now
                service.set(down: false)
                await receiver.wait(for: 2)
                return (wentDown, cameUp)
            }
            let requests = receiver.all
            try #require(requests.count == 2)
            #expect(requests.map { $0.json["kind"] as? String } == ["failing", "resolved"])
            let downDelay = requests[0].at - wentDown, upDelay = requests[1].at - cameUp
            print("serve alert delay (probe every 100 ms, observed every 50 ms): down → failing message \(downDelay), up → resolved message \(upDelay)")
            #expect(downDelay < .seconds(10), "\(downDelay)")
            #expect(upDelay < .seconds(10), "\(upDelay)")
        }
    }

    @Test func aRestartWithAnOpenIncidentNeitherTriggersAgainNorForgetsToResolve() async throws {
        let service = Service()
        let store = InMemoryIncidentStore()
        try await Self.withDelivery(service) { suite, prober, delivery, receiver in
            service.set(down: true)
            // The first service: the incident opens, then the process "ends".
            try await Self.serving(suite, store: store, prober: prober, delivery: delivery) { _, _ in await receiver.wait(for: 1) }
            let open = try await store.openIncidents()
            #expect(open.count == 1)
            // The second: it starts with the target still down, probes it many times, sends nothing more;
            // then the target comes back and the incident resolves with the same key.
            try await Self.serving(suite, store: store, prober: prober, delivery: delivery) { monitor, alerts in
                #expect(alerts.openIncidents.map(\.dedupKey) == open.map(\.dedupKey))
                try await Self.until { (monitor.snapshot().targets.map(\.failed).min() ?? 0) >= 6 }
                await delivery.idle()
                #expect(receiver.all.count == 1, "no second trigger after the restart")
                service.set(down: false)
                await receiver.wait(for: 2)
            }
            await delivery.idle()
            let requests = receiver.all
            #expect(requests.count == 2)
            #expect(requests.last?.json["kind"] as? String == "resolved")
            #expect(requests.last?.json["dedup_key"] as? String == open.first?.dedupKey)
            #expect(try await store.openIncidents().isEmpty)
            #expect(try await store.incident(dedupKey: open.first?.dedupKey ?? "")?.resolvedAt != nil)
        }
    }
}
