import Foundation
import SmokegateFixtures
import SmokegateTestTools
import Synchronization
import Testing

/// The Prometheus tool against a real Prometheus scraping in-process fixture servers.
@Suite struct PrometheusToolTests {
    /// Exposition text with a value chosen per run, so a read-back value can only have come from this scrape.
    static func exposition(_ name: String, _ value: Double) -> String {
        "# HELP \(name) A value the test chose.\n# TYPE \(name) gauge\n\(name){kind=\"fixture\"} \(value)\n"
    }

    @Test func scrapesAFixtureServerAndAnswersThroughTheAPI() async throws {
        let value = Double(Int.random(in: 1...1_000_000)) + 0.25  // exact in binary and in text, never whole
        let text = Self.exposition("smokegate_tooling_value", value)
        try await FixtureHTTPServer.withServer(answering: { request in
            request.path == "/metrics" ? .respond(.text(text)) : .respond(.text("not here", status: 404))
        }) { server in
            guard let wait = try await TestTools.ifAvailable({
                try await Prometheus.with(scraping: [.init(port: server.port)]) { prometheus in
                    try await prometheus.waitForSamples("smokegate_tooling_value")
                }
            }) else { return }
            #expect(wait.found, "\(wait)")
            let sample = try #require(wait.samples.first, "\(wait)")
            #expect(sample.number == value)
            #expect(sample.metric["kind"] == "fixture")
            #expect(sample.metric["job"] == "smokegate")
            #expect(sample.metric["instance"] == "127.0.0.1:\(server.port)")
            #expect(server.requestCount > 0)
        }
    }

    @Test func sendsTheBearerTokenFromItsFile() async throws {
        let token = "token-\(UUID().uuidString)"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-tooling-\(UUID().uuidString)")
        try Data(token.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let text = Self.exposition("smokegate_tooling_authorized", 1)
        let authorizations = Mutex<Set<String>>([])
        try await FixtureHTTPServer.withServer(answering: { request in
            let authorization = request.header("Authorization") ?? "(none)"
            authorizations.withLock { _ = $0.insert(authorization) }
            return authorization == "Bearer \(token)" ? .respond(.text(text)) : .respond(.text("who are you?", status: 401))
        }) { server in
            guard let wait = try await TestTools.ifAvailable({
                try await Prometheus.with(scraping: [.init(port: server.port)], bearerTokenFile: file.path) { prometheus in
                    try await prometheus.waitForSamples("smokegate_tooling_authorized", equals: 1)
                }
            }) else { return }
            #expect(wait.found, "\(wait)")
            #expect(authorizations.withLock { $0 } == ["Bearer \(token)"])
        }
    }

    @Test func waitingForASeriesOfADownTargetSaysWhy() async throws {
        let port = try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("")) }) { $0.port }
        guard let wait = try await TestTools.ifAvailable({
            try await Prometheus.with(scraping: [.init(port: port)]) { prometheus in
                // `up` is 0 for a target that cannot be scraped: the series exists, with that value.
                let down = try await prometheus.waitForSamples("up", equals: 0)
                #expect(down.found, "\(down)")
                return try await prometheus.waitForSamples("up == 1", timeout: .seconds(3))
            }
        }) else { return }
        #expect(!wait.found)
        #expect(wait.samples.isEmpty)
        let target = try #require(wait.targets?.first, "\(wait)")
        #expect(target.health == "down")
        #expect(target.lastError.contains("connection refused"), "\(target)")
    }

    @Test func stopLeavesNoProcessPortOrDirectory() async throws {
        guard let prometheus = try await TestTools.ifAvailable({ try await Prometheus.start(scraping: [.init(port: 9)]) })
        else { return }
        let port = try #require(Int(prometheus.url.split(separator: ":").last ?? ""))
        #expect(Loopback.isListening(port: port))
        #expect(FileManager.default.fileExists(atPath: prometheus.directory))
        #expect(prometheus.readySeconds > 0)
        await prometheus.stop()
        #expect(!Loopback.isRunning(pid: prometheus.pid))
        #expect(!Loopback.isListening(port: port))
        #expect(!FileManager.default.fileExists(atPath: prometheus.directory))
    }
}
