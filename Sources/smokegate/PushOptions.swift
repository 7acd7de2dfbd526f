import ArgumentParser
import Foundation
import SmokegateCore

/// `--push-gateway`, `--push-job`, `--push-label`: where `run`, `watch` and `demo` push their figures (docs/push.md).
struct PushOptions: ParsableArguments {
    @Option(help: ArgumentHelp("After the verdict, PUT the run's figures to this Prometheus Pushgateway (one group per environment).",
                               valueName: "url"))
    var pushGateway: String?

    @Option(help: ArgumentHelp("The job the pushed groups are filed under.", valueName: "job"))
    var pushJob = PushgatewayTarget.defaultJob

    @Option(help: ArgumentHelp("An extra grouping label for the push; repeat for several (the environment is always one).", valueName: "key=value"))
    var pushLabel: [String] = []

    func validate() throws {
        _ = try target()
    }

    /// The push target, nil without `--push-gateway`.
    func target() throws -> PushgatewayTarget? {
        guard let pushGateway else {
            if !pushLabel.isEmpty || pushJob != PushgatewayTarget.defaultJob { throw ValidationError("--push-job and --push-label need --push-gateway URL") }
            return nil
        }
        guard pushGateway.hasPrefix("http://") || pushGateway.hasPrefix("https://") else {
            throw ValidationError("--push-gateway must be an http:// or https:// URL, such as http://pushgateway:9091")
        }
        guard !pushJob.isEmpty else { throw ValidationError("--push-job needs a name") }
        var labels: [(name: String, value: String)] = []
        for label in pushLabel {
            let parts = label.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw ValidationError("--push-label takes key=value, got '\(label)'") }
            let name = String(parts[0])
            if let problem = PushgatewayTarget.problem(withLabel: name) { throw ValidationError("--push-label \(label): \(problem)") }
            if labels.contains(where: { $0.name == name }) { throw ValidationError("--push-label \(name) is given twice") }
            labels.append((name, String(parts[1])))
        }
        return PushgatewayTarget(url: pushGateway, job: pushJob, labels: labels)
    }

    /// What runs once the reports are written: the push and the suite's alerts, warnings to standard error. `phase`
    /// (the demo's `comparison` or `cutover`) becomes a `demo` grouping label, so one push does not replace the other.
    func followUp(output: OutputOptions, phase: String? = nil) throws -> RunFollowUp {
        let formats = (try? output.formats()) ?? []
        let link = formats.contains(.json) ? (output.outDirectory.hasSuffix("/") ? output.outDirectory : output.outDirectory + "/") + "verdict.json" : nil
        var push = try target()
        if let phase { push?.labels.append((name: "demo", value: phase)) }
        return RunFollowUp(push: push, reportLink: link) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
