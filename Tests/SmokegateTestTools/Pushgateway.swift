import Foundation

/// A real Prometheus Pushgateway (Debian's `prometheus-pushgateway`) started by
/// `scripts/test-tools/pushgateway run` on a free loopback port, keeping pushes in memory only. `stop` stops
/// it; so does the test process ending, whatever the way.
public final class Pushgateway: Sendable {
    /// One sample of its `/metrics`, parsed by the Prometheus Python client (the value as exposition text).
    public struct Sample: Sendable, Decodable, Equatable {
        public var name: String
        public var labels: [String: String]
        public var value: String

        /// The value as a number (NaN and ±Inf included), nil if it is not one.
        public var number: Double? { Double(value) }
    }

    private struct Samples: Decodable {
        var samples: [Sample]
    }

    private let server: SupervisedServer

    /// The Pushgateway's root URL, `http://127.0.0.1:PORT`; push to `URL/metrics/job/JOB[/LABEL/VALUE...]`.
    public var url: String { server.ready.url }
    /// Seconds from start until `/-/ready` answered 200.
    public var readySeconds: Double { server.ready.readySeconds }
    /// The Pushgateway process' id (it leads its own process group).
    public var pid: Int32 { Int32(server.ready.pid) }

    private init(server: SupervisedServer) {
        self.server = server
    }

    /// Starts a Pushgateway and waits until it is ready.
    public static func start(readiness: Duration = .seconds(60)) async throws -> Pushgateway {
        Pushgateway(server: try await SupervisedServer.start("pushgateway", [], readiness: readiness))
    }

    /// Starts a Pushgateway, runs `body`, and stops the Pushgateway whatever happens.
    public static func with<T: Sendable>(_ body: (Pushgateway) async throws -> T) async throws -> T {
        try await TestTools.using(try await start(), stop: { await $0.stop() }, body)
    }

    /// The samples of its `/metrics` (only those named in `names`, when given). With `waitingUpTo`, polls until
    /// every name has a sample or the time passes; names still missing then are simply absent from the answer.
    public func samples(named names: [String] = [], waitingUpTo wait: Duration = .zero) async throws -> [Sample] {
        let arguments = ["metrics", "--url", url, "--wait", TestTools.seconds(wait)] + names.flatMap { ["--name", $0] }
        let result = try await ToolProcess.run("pushgateway", arguments, timeout: wait + .seconds(60))
        guard [0, 1].contains(result.status), let line = result.stdout.split(separator: "\n").last,
              let samples = try? JSONDecoder().decode(Samples.self, from: Data(line.utf8))
        else {
            throw TestToolError.broken("pushgateway", TestTools.errorMessage(in: result))
        }
        return samples.samples
    }

    /// Its `/metrics` as served.
    public func metricsText() async throws -> String {
        let result = try await ToolProcess.run("pushgateway", ["metrics", "--url", url, "--raw"], timeout: .seconds(60))
        guard result.status == 0 else { throw TestToolError.broken("pushgateway", TestTools.errorMessage(in: result)) }
        return result.stdout
    }

    /// Stops the Pushgateway and waits until it is gone.
    public func stop() async {
        await server.stop()
    }
}
