import Foundation
import SmokegateEngine
import SmokegateModel
import SmokegateReports
import SmokegateVerdict

/// PUTs a run's figures to a Pushgateway, one group per environment (a PUT replaces the group's previous push),
/// through the prober's HTTP engine. Each group gets its timeout and one more try; what still fails is returned as
/// one sentence, for a warning: a push never changes a verdict.
public struct PushgatewayPusher: Sendable {
    public var target: PushgatewayTarget

    public init(target: PushgatewayTarget) {
        self.target = target
    }

    /// Pushes every group; returns nil when all were accepted, else what failed.
    public func push(_ report: RunReport, prober: Prober, redactor: Redactor) async -> String? {
        var failures: [String] = []
        for group in PushgatewayReport.render(report) {
            let request = OutboundRequest(method: "PUT", url: target.groupURL(environment: group.environment),
                                          headers: [HeaderField(name: "Content-Type", value: "text/plain; version=0.0.4; charset=utf-8")],
                                          body: group.text, timeout: target.timeout)
            var problem: String?
            for _ in 0..<2 {
                do {
                    let response = try await prober.send(request)
                    if response.accepted {
                        problem = nil
                        break
                    }
                    let answer = String(decoding: response.body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    problem = "HTTP \(response.status)" + (answer.isEmpty ? "" : ": \(answer)")
                    // A 4xx says the push itself is wrong: sending it again cannot help.
                    if (400..<500).contains(response.status) { break }
                } catch let error as OutboundError {
                    problem = error.description
                } catch {
                    problem = "cancelled"
                    break
                }
            }
            if let problem { failures.append("\(group.environment) (\(problem))") }
        }
        guard !failures.isEmpty else { return nil }
        return redactor.redact("push to the Pushgateway \(target.url) failed for \(failures.joined(separator: ", "))")
    }
}
