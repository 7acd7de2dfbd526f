import SmokegateModel
import SmokegateProbes

/// A DNS check attempt: ask every server of the check at once (or the system's resolvers), judge each reply.
///
/// With several servers the sample holds every server's failures, each message naming its server, and its version
/// (`version_from: answers`) is the one answer set they agree on, or `mixed: A | B` listing the distinct sets when
/// they disagree: a watch's version timeline then shows the moments resolvers disagreed as a version of their own.
enum DNSCheckProbe {
    /// The prefix of a version that several servers disagreed on.
    static let mixedPrefix = "mixed: "

    /// Throws only `CancellationError`.
    static func attempt(_ spec: DNSCheckSpec, expectations: [Expectation], versionSource: VersionSource?,
                        expectedVersion: String?) async throws -> HTTPProbe.Attempt {
        let servers: [DNSServerAddress?] = spec.servers.isEmpty ? [nil] : spec.servers
        let outcomes = try await withThrowingTaskGroup(of: (Int, Result<DNSProbeResult, ProbeFailure>).self) { group in
            for (index, server) in servers.enumerated() {
                var query = spec.query
                query.server = server
                group.addTask {
                    do {
                        return (index, .success(try await DNSProbe.run(query)))
                    } catch let failure as ProbeFailure {
                        return (index, .failure(failure))
                    }
                }
            }
            var outcomes = [Result<DNSProbeResult, ProbeFailure>?](repeating: nil, count: servers.count)
            for try await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes.compactMap { $0 }
        }
        var failures: [Failure] = []
        var replies: [DNSProbeResult] = []
        for (index, outcome) in outcomes.enumerated() {
            // One server: messages as the probe wrote them; several: each names the server it is about.
            let prefix = servers.count > 1 ? "\(servers[index].map(\.description) ?? "system"): " : ""
            switch outcome {
            case .failure(let failure):
                failures.append(Failure(reason: failure.reason, message: prefix + failure.message))
            case .success(let reply):
                replies.append(reply)
                var view = ResponseView(latency: reply.totalMicroseconds)
                view.dns = reply
                failures += ExpectationEvaluator.evaluate(expectations, on: &view).map { Failure(reason: $0.reason, message: prefix + $0.message) }
            }
        }
        // The sample took as long as its slowest reply; a server that gave none fails the sample anyway.
        guard let slowest = replies.max(by: { $0.totalMicroseconds < $1.totalMicroseconds }) else {
            return HTTPProbe.Attempt(failures: failures, measurement: ProbeMeasurement())
        }
        // The distinct answer sets, sorted: one when the servers agree.
        let sets = Set(replies.map(\.answerVersion)).sorted()
        if sets.count > 1, expectations.contains(where: { if case .serversAgree = $0.kind { true } else { false } }) {
            let each = replies.map { "\($0.server) \($0.answerVersion.isEmpty ? "(none)" : $0.answerVersion)" }
            failures.append(Failure(reason: .disagreement, message: "agree: the servers answered differently: \(each.joined(separator: "; "))"))
        }
        var phases = slowest.connectMicroseconds.map { [Phase("connect", $0)] } ?? []
        phases.append(Phase("query", slowest.queryMicroseconds))
        var measurement = ProbeMeasurement(latency: slowest.totalMicroseconds, phases: phases,
                                           answeredBy: replies.map(\.server.description).joined(separator: ", "))
        if case .answers = versionSource {
            // An empty answer names no version (as an HTTP response without the header); in a mixed one it is "(none)".
            let version = sets.count == 1 ? (sets[0].isEmpty ? nil : sets[0]) : mixedPrefix + sets.map { $0.isEmpty ? "(none)" : $0 }.joined(separator: " | ")
            measurement.version = version
            if let failure = HTTPProbe.versionFailure(version, expected: expectedVersion) { failures.append(failure) }
        }
        return HTTPProbe.Attempt(failures: failures, measurement: measurement)
    }
}
