import Foundation
import SmokegateAlerts
import SmokegateEngine
import SmokegateFixtures
import SmokegateModel
import SmokegateReports
import SmokegateVerdict
import Synchronization
import Testing

/// The delivery queue against receivers that misbehave: one that hangs, one that answers 500, a full backlog.
@Suite struct AlertDeliveryTests {
    static func message(_ number: Int = 1) -> AlertMessage {
        AlertMessage(kind: .failing, source: "serve", title: "green: message \(number)", text: "text", environment: "green",
                     dedupKey: "smokegate/serve/green", link: nil, since: "2025-06-15T00:00:00Z", at: Date(), targets: [])
    }

    final class Warnings: Sendable {
        private let lines = Mutex<[String]>([])
        func add(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test func aHangingReceiverCostsItsTimeoutAndHoldsUpNoOne() async throws {
        let warnings = Warnings()
        try await Receiver.with(answering: { _ in .hang }) { hanging, stuck in
            try await Receiver.with { healthy, received in
                try await Prober.with { prober in
                    var settings = AlertDelivery.Settings()
                    settings.timeout = .seconds(2)
                    settings.retries = 1
                    settings.backoff = .milliseconds(50)
                    let delivery = AlertDelivery(prober: prober, settings: settings, redactor: Redactor(), warn: warnings.add)
                    let worker = Task { await delivery.run() }
                    let clock = ContinuousClock()
                    let before = clock.now
                    delivery.enqueue(Self.message(), to: [.webhook(WebhookDestination(url: hanging.baseURL + "/hook")),
                                                         .slack(SlackDestination(webhook: healthy.baseURL + "/slack"))])
                    let enqueueTook = clock.now - before
                    // The healthy receiver gets its message while the other lane still waits on the hanging one.
                    await received.wait(for: 1)
                    #expect(received.all.count == 1)
                    #expect(delivery.counters.providers["webhook"]?.failed == 0, "the hanging lane is still waiting")
                    await delivery.idle()
                    let total = clock.now - before
                    delivery.finish()
                    await worker.value
                    let counters = delivery.counters
                    #expect(counters.providers["slack"]?.sent == 1)
                    #expect(counters.providers["webhook"]?.failed == 1)
                    #expect(counters.providers["webhook"]?.retries == 1)
                    #expect(stuck.all.count == 2, "the first attempt and one retry")
                    #expect(enqueueTook < .seconds(1), "enqueue only queues, far less than one attempt's 2 s: \(enqueueTook)")
                    #expect(total >= .seconds(4), "two attempts of 2 s each: \(total)")
                    #expect(total < .seconds(30), "bounded by the timeouts: \(total)")
                    #expect(warnings.all.count == 1)
                    #expect(warnings.all.first?.hasPrefix("smokegate: alert not delivered: failing message to webhook failed 2 times, last: timeout") == true,
                            "\(warnings.all)")
                }
            }
        }
    }

    @Test func a500IsRetriedWithBackoffThenCountedAsFailed() async throws {
        let warnings = Warnings()
        try await Receiver.with(answering: { _ in .respond(.text("upstream broke", status: 500)) }) { server, receiver in
            try await Prober.with { prober in
                var settings = AlertDelivery.Settings()
                settings.retries = 3
                settings.backoff = .milliseconds(100)
                settings.jitter = 0
                let delivery = AlertDelivery(prober: prober, settings: settings, redactor: Redactor(), warn: warnings.add)
                delivery.enqueue(Self.message(), to: [.webhook(WebhookDestination(url: server.baseURL + "/hook"))])
                delivery.finish()
                await delivery.run()
                let arrivals = receiver.all.map(\.at)
                #expect(arrivals.count == 4, "one attempt and three retries")
                let gaps = zip(arrivals.dropFirst(), arrivals).map { $0 - $1 }
                // 100, 200, 400 ms: each wait doubles (an attempt itself takes little on loopback).
                for (gap, wait) in zip(gaps, [100, 200, 400]) {
                    #expect(gap >= .milliseconds(wait), "gaps \(gaps)")
                    #expect(gap < .milliseconds(wait) + .seconds(10), "gaps \(gaps)")
                }
                let counters = delivery.counters
                #expect(counters.providers["webhook"]?.failed == 1)
                #expect(counters.providers["webhook"]?.retries == 3)
                #expect(counters.providers["webhook"]?.sent == 0)
                #expect(warnings.all == ["smokegate: alert not delivered: failing message to webhook failed 4 times, last: HTTP 500 (upstream broke)"])
                let metrics = String(decoding: AlertDeliveryMetrics.render(counters), as: UTF8.self)
                #expect(metrics.contains("smokegate_alerts_failed_total{provider=\"webhook\"} 1\n"), "\(metrics)")
                #expect(metrics.contains("smokegate_alerts_retries_total{provider=\"webhook\"} 3\n"), "\(metrics)")
            }
        }
    }

    @Test func a4xxIsNotRetried() async throws {
        try await Receiver.with(answering: { _ in .respond(.text("invalid_payload", status: 400)) }) { server, receiver in
            let counters = try await Prober.with { prober in
                let delivery = AlertDelivery(prober: prober, redactor: Redactor(), warn: { _ in })
                delivery.enqueue(Self.message(), to: [.slack(SlackDestination(webhook: server.baseURL + "/x"))])
                delivery.finish()
                await delivery.run()
                return delivery.counters
            }
            #expect(receiver.all.count == 1)
            #expect(counters.providers["slack"]?.failed == 1)
            #expect(counters.providers["slack"]?.retries == 0)
        }
    }

    @Test func aFullBacklogDropsTheOldest() async throws {
        try await Receiver.with(answering: { _ in .hang }) { server, receiver in
            try await Prober.with { prober in
                var settings = AlertDelivery.Settings()
                settings.backlogLimit = 2
                settings.timeout = .seconds(30)
                settings.retries = 0
                let warnings = Warnings()
                let delivery = AlertDelivery(prober: prober, settings: settings, redactor: Redactor(), warn: warnings.add)
                let worker = Task { await delivery.run() }
                let destination = AlertDestination.webhook(WebhookDestination(url: server.baseURL + "/hook"))
                delivery.enqueue(Self.message(1), to: [destination])
                await receiver.wait(for: 1)  // message 1 is in flight, hanging
                for number in 2...5 { delivery.enqueue(Self.message(number), to: [destination]) }
                let counters = delivery.counters
                #expect(counters.providers["webhook"]?.dropped == 2, "messages 2 and 3 made room for 4 and 5")
                #expect(counters.backlog == 3, "two waiting, one in flight")
                #expect(warnings.all.count == 2)
                worker.cancel()
                await worker.value
                #expect(delivery.counters.providers["webhook"]?.failed == 3, "the one in flight and the two waiting, given up on")
                #expect(receiver.all.count == 1)
            }
        }
    }
}
