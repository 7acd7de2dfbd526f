import ArgumentParser
import Foundation
import SmokegateHistory
import SmokegateRecording

/// `smokegate history export`: the full records as CSV or JSON.
struct HistoryExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the recorded runs as CSV (one line per check × environment) or JSON (full records).")

    @Option(help: ArgumentHelp("The history to read: a file path (SQLite) or a postgres:// URL; default $SMOKEGATE_HISTORY.", valueName: "location"))
    var history: String?
    @Option(help: "csv or json.") var format = "json"
    @Option(help: ArgumentHelp("Only runs started within this period.", valueName: "period")) var since: String?
    @Option(help: "Only runs of this suite.") var suite: String?

    func validate() throws {
        guard HistoryExport.Format(rawValue: format) != nil else { throw ValidationError("--format must be csv or json, got '\(format)'") }
        if let since { _ = try historyPeriodStart(since, option: "--since") }
    }

    func run() async throws {
        let filter = RunFilter(suite: suite, since: try since.map { try historyPeriodStart($0, option: "--since") })
        try await withHistoryStore(history) { store in
            let data = try await store.export(filter, format: HistoryExport.Format(rawValue: format) ?? .json)
            FileHandle.standardOutput.write(data)
        }
    }
}
