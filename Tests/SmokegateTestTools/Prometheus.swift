import Foundation

/// A real Prometheus (Debian's `prometheus`) started by `scripts/test-tools/prometheus run` on a free loopback
/// port, scraping the given targets every `scrapeInterval`, with its own config and data directory. `stop`
/// stops it and removes the directory; so does the test process ending, whatever the way.
///
/// Its first scrape comes about 5 s after start (Prometheus hands targets to the scrapers every 5 s), so wait
/// for series with `waitForSamples`, never a sleep.
public final class Prometheus: Sendable {
    /// One scrape target, in scrape job `job`; targets of one job share scheme and path.
    public struct Target: Sendable {
        public var host: String
        public var port: Int
        public var path: String
        public var job: String
        public var https: Bool

        public init(host: String = "127.0.0.1", port: Int, path: String = "/metrics", job: String = "smokegate", https: Bool = false) {
            self.host = host
            self.port = port
            self.path = path
            self.job = job
            self.https = https
        }

        var argument: String { "\(job)=\(https ? "https" : "http")://\(host):\(port)\(path)" }
    }

    /// One series of a query's answer, as the HTTP API gives it (the value is Prometheus' text: "1", "NaN").
    public struct Sample: Sendable, Decodable, Equatable {
        public var metric: [String: String]
        public var value: String
        public var timestamp: Double

        /// The value as a number (NaN and ±Inf included), nil if it is not one.
        public var number: Double? { Double(value) }
    }

    /// A scrape target's state, which says why a series is missing.
    public struct TargetHealth: Sendable, Decodable, CustomStringConvertible {
        public var job: String?
        public var scrapeURL: String
        public var health: String
        public var lastError: String

        enum CodingKeys: String, CodingKey {
            case job, health
            case scrapeURL = "scrape_url"
            case lastError = "last_error"
        }

        public var description: String { "\(scrapeURL) \(health)\(lastError.isEmpty ? "" : ": \(lastError)")" }
    }

    /// The end of a wait for samples: found, or not within the timeout and why.
    public struct Wait: Sendable, Decodable, CustomStringConvertible {
        /// The samples when found; the last (empty or not matching) answer otherwise.
        public var samples: [Sample]
        public var found: Bool
        public var waitedSeconds: Double
        public var message: String?
        public var targets: [TargetHealth]?

        enum CodingKeys: String, CodingKey {
            case samples, message, targets
            case found = "ok"
            case waitedSeconds = "waited_seconds"
        }

        public var description: String {
            found ? "found after \(waitedSeconds) s: \(samples)"
                : "\(message ?? "not found"); targets: \((targets ?? []).map(\.description).joined(separator: "; "))"
        }
    }

    private struct QueryAnswer: Decodable {
        var samples: [Sample]
    }

    private let server: SupervisedServer

    /// Prometheus' root URL, `http://127.0.0.1:PORT`.
    public var url: String { server.ready.url }
    /// Seconds from start until `/-/ready` answered 200.
    public var readySeconds: Double { server.ready.readySeconds }
    /// Its config, data and log; removed by `stop`.
    public var directory: String { server.ready.directory }
    /// The Prometheus process' id (it leads its own process group).
    public var pid: Int32 { Int32(server.ready.pid) }

    private init(server: SupervisedServer) {
        self.server = server
    }

    /// Starts Prometheus and waits until it is ready; it scrapes `targets` from then on.
    public static func start(
        scraping targets: [Target],
        scrapeInterval: String = "1s",
        bearerTokenFile: String? = nil,
        insecure: Bool = false,
        readiness: Duration = .seconds(90)
    ) async throws -> Prometheus {
        var arguments = targets.flatMap { ["--target", $0.argument] } + ["--scrape-interval", scrapeInterval]
        if let bearerTokenFile { arguments += ["--bearer-token-file", bearerTokenFile] }
        if insecure { arguments.append("--insecure") }
        return Prometheus(server: try await SupervisedServer.start("prometheus", arguments, readiness: readiness))
    }

    /// Starts Prometheus, runs `body`, and stops Prometheus whatever happens.
    public static func with<T: Sendable>(
        scraping targets: [Target],
        bearerTokenFile: String? = nil,
        _ body: (Prometheus) async throws -> T
    ) async throws -> T {
        try await TestTools.using(try await start(scraping: targets, bearerTokenFile: bearerTokenFile), stop: { await $0.stop() }, body)
    }

    /// The samples of an instant query now (`/api/v1/query`).
    public func query(_ promql: String) async throws -> [Sample] {
        let result = try await ToolProcess.run("prometheus", ["query", "--url", url, promql], timeout: .seconds(60))
        guard result.status == 0, let line = result.stdout.split(separator: "\n").last else {
            throw TestToolError.broken("prometheus", TestTools.errorMessage(in: result))
        }
        return try TestTools.decode(QueryAnswer.self, from: String(line), tool: "prometheus").samples
    }

    /// Polls `promql` until it has a sample (one equal to `equals` when given) or `timeout` passes; the answer
    /// says which, and when not found, each target's health and last scrape error.
    public func waitForSamples(_ promql: String, equals: Double? = nil, timeout: Duration = .seconds(90)) async throws -> Wait {
        var arguments = ["wait", "--url", url, "--timeout", TestTools.seconds(timeout)]
        if let equals { arguments += ["--equals", "\(equals)"] }
        let result = try await ToolProcess.run("prometheus", arguments + [promql], timeout: timeout + .seconds(30))
        guard [0, 1].contains(result.status), let line = result.stdout.split(separator: "\n").last else {
            throw TestToolError.broken("prometheus", TestTools.errorMessage(in: result))
        }
        return try TestTools.decode(Wait.self, from: String(line), tool: "prometheus")
    }

    /// Stops Prometheus and waits until it is gone and its directory removed.
    public func stop() async {
        await server.stop()
    }
}
