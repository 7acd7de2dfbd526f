import Foundation
import SmokegateModel

extension RunReport {
    /// The report of a run that configuration or usage errors stopped before anything was probed: decision
    /// `error`, exit code 2, every problem listed. Written in place of the reports a run would write, so a pipeline
    /// that reads them whatever the exit code never finds the previous run's verdict there.
    public static func configurationError(_ problems: [ConfigError], files: [String], tags: [String], toolVersion: String,
                                          at date: Date = Date()) -> RunReport {
        let count = "\(problems.count) configuration error\(problems.count == 1 ? "" : "s"); nothing was probed"
        var report = RunReport(
            tool: .init(name: "smokegate", version: toolVersion), runID: UUID().uuidString.lowercased(),
            startedAt: Timestamp.iso8601(date), finishedAt: Timestamp.iso8601(date), durationSeconds: 0,
            decision: .error, exitCode: .usage, reasons: [count] + problems.map { problem in problem.location.map { "\($0): \(problem.message)" } ?? problem.message }, interrupted: false, interruption: nil,
            files: files, concurrency: 1, tags: tags,
            totals: .init(checks: 0, probesPlanned: 0, probesCompleted: 0, probesFailed: 0, results: [:]),
            environments: [], checks: [], gates: [], comparisons: nil)
        report.configurationErrors = problems.map { problem in
            ConfigurationProblem(file: problem.location?.file, line: problem.location?.line, column: problem.location?.column, message: problem.message)
        }
        return report
    }
}
