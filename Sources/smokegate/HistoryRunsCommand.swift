import ArgumentParser
import Foundation
import SmokegateHistory
import SmokegateRecording

/// `smokegate history runs`: recorded runs and watches, filtered, newest first.
struct HistoryRunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List recorded runs and watches, newest first.")

    @OptionGroup var source: HistorySource
    @Option(help: "Only runs of this suite.") var suite: String?
    @Option(help: "Only runs that probed this environment.") var environment: String?
    @Option(help: ArgumentHelp("Only runs started within this period (e.g. 7d, 12h).", valueName: "period")) var since: String?
    @Option(help: ArgumentHelp("Only runs with this label; repeat for several.", valueName: "key=value")) var label: [String] = []
    @Option(help: "At most this many runs.") var limit: Int = 100

    func validate() throws {
        if let since { _ = try historyPeriodStart(since, option: "--since") }
        do { _ = try HistoryLabels.parse(label) } catch let error as RecordingError { throw ValidationError(error.message) }
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        let filter = RunFilter(suite: suite, environment: environment, since: try since.map { try historyPeriodStart($0, option: "--since") },
                               labels: try HistoryLabels.parse(label), limit: limit)
        try await withHistoryStore(source.history) { store in
            let runs = try await store.runs(filter)
            try source.show(HistoryTables.runs(runs), json: runs)
        }
    }
}
