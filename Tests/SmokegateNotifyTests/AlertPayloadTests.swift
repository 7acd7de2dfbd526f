import Foundation
import SmokegateAlerts
import SmokegateEngine
import SmokegateFixtures
import SmokegateModel
import SmokegateVerdict
import Testing

/// Each provider's payload and headers as a local receiver gets them, sent through the delivery queue and the engine.
@Suite struct AlertPayloadTests {
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    /// Five green targets failing and then recovering: the incident's two messages.
    static func incidentMessages(destinations: [AlertDestination]) -> [AlertStateMachine.Action] {
        var block = AlertBlock(location: SourceLocation(file: "suite.yml", line: 1, column: 1))
        block.failureThreshold = 1
        block.successThreshold = 1
        block.groupWithin = .seconds(10)
        block.link = "https://status.example.com/"
        block.slack = destinations.compactMap { if case .slack(let slack) = $0 { slack } else { nil } }.first
        block.webhook = destinations.compactMap { if case .webhook(let webhook) = $0 { webhook } else { nil } }.first
        block.pagerDuty = destinations.compactMap { if case .pagerDuty(let pagerDuty) = $0 { pagerDuty } else { nil } }.first
        let routing = AlertRouting(suite: block)
        var machine = AlertStateMachine(routing: routing, redactor: Redactor())
        let keys = (1...12).map { TargetKey(suite: "shop", check: "check\($0)", environment: "green") }
        _ = machine.configure(routing: routing, redactor: Redactor(), targets: keys, at: start)
        var actions: [AlertStateMachine.Action] = []
        for (index, key) in keys.prefix(5).enumerated() {
            var figures = TargetAlertFigures(key: key)
            figures.reason = .status
            figures.message = "status: expected 200, got 503 <html>"
            figures.errorRate = 0.25
            figures.p95Ms = 123.4
            figures.downtimeSeconds = 42
            figures.version = "1.5.0"
            actions += machine.receive(.init(key: key, at: start.addingTimeInterval(Double(index)), passed: false, figures: figures))
        }
        actions += machine.tick(at: start.addingTimeInterval(10))
        for (index, key) in keys.prefix(5).enumerated() {
            actions += machine.receive(.init(key: key, at: start.addingTimeInterval(100 + Double(index)), passed: true, figures: TargetAlertFigures(key: key)))
        }
        return actions
    }

    /// Sends `actions` through a real queue and engine; returns once all are delivered (or given up on).
    static func send(_ actions: [AlertStateMachine.Action]) async throws -> AlertDeliveryCounters {
        try await Prober.with { prober in
            let delivery = AlertDelivery(prober: prober, redactor: Redactor(), warn: { _ in })
            for action in actions { delivery.enqueue(action.message, to: action.destinations) }
            delivery.finish()
            await delivery.run()
            return delivery.counters
        }
    }

    @Test func slackGetsTextAndBlocks() async throws {
        try await Receiver.with { server, receiver in
            let actions = Self.incidentMessages(destinations: [.slack(SlackDestination(webhook: server.baseURL + "/services/T0/B0/x"))])
            #expect(actions.map(\.change) == [.opened, .resolved])
            let counters = try await Self.send(actions)
            #expect(counters.providers["slack"]?.sent == 2)
            let requests = receiver.all
            try #require(requests.count == 2)
            let first = requests[0]
            #expect(first.request.method == "POST")
            #expect(first.request.path == "/services/T0/B0/x")
            #expect(first.request.header("Content-Type") == "application/json")
            let json = first.json
            #expect(json["text"] as? String == "🔴 green: 5 of 12 checks failing — https://status.example.com/")
            let blocks = try #require(json["blocks"] as? [[String: Any]])
            #expect(blocks.map { $0["type"] as? String } == ["header", "section", "section", "context"])
            #expect((blocks[0]["text"] as? [String: Any])?["type"] as? String == "plain_text")
            #expect((blocks[0]["text"] as? [String: Any])?["text"] as? String == "🔴 green: 5 of 12 checks failing")
            let section = try #require((blocks[1]["text"] as? [String: Any])?["text"] as? String)
            #expect(section.contains("• shop/check1: status: expected 200, got 503 &lt;html&gt; · error rate 25.00% · p95 123.4ms · down 42s · version 1.5.0"),
                    "mrkdwn escapes what the server sent: \(section)")
            let fields = try #require(blocks[2]["fields"] as? [[String: Any]]).compactMap { $0["text"] as? String }
            #expect(fields.contains("*Environment*\ngreen"))
            #expect(fields.contains("*Failing*\n5 of 12 checks"))
            #expect(fields.contains("*Error rate*\n25.00%"))
            #expect(fields.contains("*p95*\n123.4ms"))
            #expect(fields.contains("*Downtime*\n42s"))
            #expect(fields.contains("*Version*\n1.5.0"))
            let context = try #require((blocks[3]["elements"] as? [[String: Any]])?.first?["text"] as? String)
            #expect(context.hasPrefix("<https://status.example.com/|Status page>"))
            #expect(requests[1].json["text"] as? String == "✅ green: recovered after 1m34s, all 5 checks — https://status.example.com/")
        }
    }

    @Test func webhookPayloadIsSignedAndMatchesItsSchema() async throws {
        let secret = "whsec-\(UUID().uuidString.prefix(8))"
        try await Receiver.with { server, receiver in
            let actions = Self.incidentMessages(destinations: [.webhook(WebhookDestination(url: server.baseURL + "/hook", secret: secret,
                                                                                             headers: [HeaderField(name: "X-Team", value: "sre")]))])
            _ = try await Self.send(actions)
            let requests = receiver.all
            try #require(requests.count == 2)
            for received in requests {
                let signature = try #require(received.request.header("X-Smokegate-Signature"))
                // Recomputed independently of smokegate's HMAC, by Python's hmac module.
                let expected = try await Python.hmacSHA256(key: secret, body: received.request.body)
                #expect(signature == "sha256=" + expected)
                #expect(received.request.header("X-Team") == "sre")
                #expect(received.request.header("X-Smokegate-Dedup-Key") == "smokegate/serve/green")
                let problems = try await Python.schemaProblems(schema: "docs/alert-webhook.schema.json", document: received.request.body)
                #expect(problems.isEmpty, "\(problems)\n\(received.body)")
            }
            let opened = requests[0].json
            #expect(opened["kind"] as? String == "failing")
            #expect(opened["status"] as? String == "firing")
            #expect(opened["environment"] as? String == "green")
            #expect(opened["failing"] as? Int == 5)
            #expect(opened["total"] as? Int == 12)
            #expect(opened["link"] as? String == "https://status.example.com/")
            let targets = try #require(opened["targets"] as? [[String: Any]])
            #expect(targets.count == 5)
            #expect(targets.first?["reason"] as? String == "status")
            #expect(targets.first?["error_rate"] as? Double == 0.25)
            #expect(targets.first?["p95_ms"] as? Double == 123.4)
            #expect(targets.first?["downtime_seconds"] as? Double == 42)
            #expect(requests[1].json["status"] as? String == "resolved")
            #expect(requests[1].request.header("X-Smokegate-Event") == "resolved")
        }
    }

    @Test func pagerDutyTriggersThenResolvesWithOneDedupKey() async throws {
        try await Receiver.with(answering: { _ in .respond(.json(#"{"status":"success","message":"Event processed"}"#, status: 202)) }) { server, receiver in
            let destination = PagerDutyDestination(routingKey: "R0UT1NGKEY", severity: .critical, url: server.baseURL + "/v2/enqueue")
            var actions = Self.incidentMessages(destinations: [.pagerDuty(destination)])
            // A reminder in between: PagerDuty gets nothing for it.
            var reminder = actions[0]
            reminder.message.kind = .reminder
            actions.insert(reminder, at: 1)
            let counters = try await Self.send(actions)
            #expect(counters.providers["pagerduty"]?.sent == 2)
            let requests = receiver.all
            try #require(requests.count == 2)
            let trigger = requests[0].json, resolve = requests[1].json
            #expect(requests[0].request.path == "/v2/enqueue")
            #expect(trigger["routing_key"] as? String == "R0UT1NGKEY")
            #expect(trigger["event_action"] as? String == "trigger")
            #expect(trigger["dedup_key"] as? String == "smokegate/serve/green")
            let payload = try #require(trigger["payload"] as? [String: Any])
            #expect(payload["summary"] as? String == "green: 5 of 12 checks failing")
            #expect(payload["severity"] as? String == "critical")
            #expect(payload["source"] as? String == "smokegate serve")
            #expect(payload["group"] as? String == "green")
            #expect(payload["class"] as? String == "status")
            #expect((payload["timestamp"] as? String)?.hasSuffix("Z") == true)
            #expect((trigger["links"] as? [[String: Any]])?.first?["href"] as? String == "https://status.example.com/")
            #expect(resolve["event_action"] as? String == "resolve")
            #expect(resolve["dedup_key"] as? String == trigger["dedup_key"] as? String)
            #expect(resolve["payload"] == nil)
        }
    }
}
