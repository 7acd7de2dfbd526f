import ArgumentParser
import Foundation
import SmokegateHistory
import SmokegateRecording

/// `--history`, `--label`, `--deployment`, `--version` and the rollback options of `run` and `watch` (docs/history.md).
struct HistoryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Record the run here: a file path (SQLite) or a postgres:// URL; default $SMOKEGATE_HISTORY, else not recorded.",
                               valueName: "location"))
    var history: String?

    @Option(help: ArgumentHelp("A label recorded with the run; repeat for several (commit and pipeline come from CI variables).", valueName: "key=value"))
    var label: [String] = []

    @Option(help: ArgumentHelp("The deployment this run verifies: writes its deployment_logs row (needs --version).", valueName: "uuid"))
    var deployment: String?

    @Option(help: ArgumentHelp("The version deployed (with --deployment).", valueName: "version"))
    var version: String?

    @Option(help: ArgumentHelp("This watch follows the switch back from this deployment: writes a rollback_logs row and marks it rolled back.",
                               valueName: "uuid"))
    var rollbackOf: String?

    @Option(help: ArgumentHelp("The rule that fired the rollback (with --rollback-of).", valueName: "name"))
    var rollbackTrigger: String?

    @Option(help: ArgumentHelp("traffic, database or full (default traffic).", valueName: "type"))
    var rollbackType: String?

    @Option(help: ArgumentHelp("When the rollback was triggered, ISO-8601 UTC (default: when the watch starts).", valueName: "time"))
    var triggeredAt: String?

    @Option(help: ArgumentHelp("Why the deployment was rolled back (default: the trigger).", valueName: "text"))
    var rollbackReason: String?

    func validate() throws {
        do {
            _ = try recorder()
        } catch let error as RecordingError {
            throw ValidationError(error.message)
        } catch let error as HistoryError {
            throw ValidationError("--history: \(error.message)")
        }
    }

    /// The recorder, nil when no history location is given (`--history` or `SMOKEGATE_HISTORY`); warnings go to
    /// standard error.
    func recorder(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> HistoryRecorder? {
        let request = try RecordingRequest.parse(
            labels: label, environment: environment, deployment: deployment, version: version, rollbackOf: rollbackOf,
            rollbackTrigger: rollbackTrigger, rollbackType: rollbackType, triggeredAt: triggeredAt, rollbackReason: rollbackReason)
        guard let text = history ?? environment["SMOKEGATE_HISTORY"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            if request.deployment != nil || request.rollback != nil || !label.isEmpty {
                throw RecordingError.needsLocation
            }
            return nil
        }
        return HistoryRecorder(location: try HistoryLocation(parsing: text), request: request) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
