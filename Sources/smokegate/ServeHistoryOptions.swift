import ArgumentParser
import Foundation
import SmokegateAlerts
import SmokegateHistory

/// `serve`'s `--state-dir` and `--history`: serve keeps history by default, in `STATE_DIR/history.sqlite`.
struct ServeHistoryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Where serve keeps its state, the default history among it (created when missing).", valueName: "dir"))
    var stateDir = ".smokegate"

    @Option(help: ArgumentHelp("Record hourly rollups and downtime windows here: a file path (SQLite), a postgres:// URL, or none; default $SMOKEGATE_HISTORY, else STATE_DIR/history.sqlite.",
                               valueName: "location"))
    var history: String?

    @Option(help: .hidden)
    var historyInterval = "60s"

    func validate() throws {
        _ = try DurationArgument.parse(historyInterval, flag: "history-interval", minimum: .milliseconds(100))
        if let text = history ?? ProcessInfo.processInfo.environment["SMOKEGATE_HISTORY"], text != "none", !text.isEmpty {
            do { _ = try HistoryLocation(parsing: text) } catch let error as HistoryError { throw ValidationError("--history: \(error.message)") }
        }
    }

    /// The open alert incidents, kept in `STATE_DIR/incidents.json` so a restarted serve takes them up (the store
    /// makes the directory when the first incident opens).
    func incidentStore() -> FileIncidentStore {
        FileIncidentStore(path: statePath("incidents.json"))
    }

    /// `name` in the state directory.
    private func statePath(_ name: String) -> String {
        (stateDir as NSString).appendingPathComponent(name)
    }

    /// `name` in the state directory, which is created when missing.
    private func stateFile(_ name: String) throws -> String {
        do {
            try FileManager.default.createDirectory(atPath: stateDir, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("--state-dir \(stateDir) cannot be created: \(error.localizedDescription)")
        }
        return statePath(name)
    }

    /// Where to record and how often; nil with `--history none`. Creates the state directory for the default.
    func resolved() throws -> (location: HistoryLocation, interval: Duration)? {
        let interval = try DurationArgument.parse(historyInterval, flag: "history-interval", minimum: .milliseconds(100)) ?? .seconds(60)
        let given = history ?? ProcessInfo.processInfo.environment["SMOKEGATE_HISTORY"].flatMap { $0.isEmpty ? nil : $0 }
        if given == "none" { return nil }
        if let given { return (try HistoryLocation(parsing: given), interval) }
        return (.sqlite(path: try stateFile("history.sqlite")), interval)
    }
}
