import Foundation
import SmokegateTestTools
import Testing

/// The Pushgateway tool against a real Pushgateway, pushed to with curl.
@Suite struct PushgatewayToolTests {
    @Test func showsAPushedGroupInItsMetrics() async throws {
        let value = Double(Int.random(in: 1...1_000_000)) + 0.375  // exact in binary and in text, never whole
        let body = "# TYPE smokegate_tooling_pushed gauge\nsmokegate_tooling_pushed{check=\"home\"} \(value)\n"
        guard let (push, samples) = try await TestTools.ifAvailable({
            try await Pushgateway.with { gateway in
                let push = try await Curl.run(["-sS", "--fail", "-X", "PUT", "--data-binary", "@-",
                                               "\(gateway.url)/metrics/job/smokegate_tooling/instance/blue"], input: Data(body.utf8))
                return (push, try await gateway.samples(named: ["smokegate_tooling_pushed", "push_time_seconds"]))
            }
        }) else { return }
        #expect(push.status == 0, "\(push.stderr)")
        let pushed = try #require(samples.first { $0.name == "smokegate_tooling_pushed" }, "\(samples)")
        #expect(pushed.number == value)
        #expect(pushed.labels == ["check": "home", "job": "smokegate_tooling", "instance": "blue"])
        // The Pushgateway's own record of the push, for the same group.
        #expect(samples.contains { $0.name == "push_time_seconds" && $0.labels["instance"] == "blue" })
    }

    @Test func rejectsAnInvalidPushAndStopsCleanly() async throws {
        guard let gateway = try await TestTools.ifAvailable({ try await Pushgateway.start() }) else { return }
        let push = try await Curl.run(["-sS", "--fail", "-X", "PUT", "--data-binary", "@-",
                                       "\(gateway.url)/metrics/job/smokegate_tooling"], input: Data("not exposition {\n".utf8))
        let samples = try await gateway.samples(named: ["push_time_seconds"])
        let port = try #require(Int(gateway.url.split(separator: ":").last ?? ""))
        await gateway.stop()
        #expect(push.status == 22, "curl --fail exits 22 on an HTTP error: \(push.stderr)")
        #expect(samples.isEmpty, "\(samples)")
        #expect(!Loopback.isRunning(pid: gateway.pid))
        #expect(!Loopback.isListening(port: port))
    }
}
