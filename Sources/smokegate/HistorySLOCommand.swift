import ArgumentParser
import Foundation
import SmokegateHistory
import SmokegateRecording

/// `smokegate history slo`: availability and error budget per target.
struct HistorySLOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slo", abstract: "Availability, error budget left and burn rate per target, from watch and serve data.")

    @OptionGroup var source: HistorySource
    @Option(help: ArgumentHelp("The availability objective, e.g. 99.9%.", valueName: "percent")) var objective = "99.9%"
    @Option(help: ArgumentHelp("The period the objective covers.", valueName: "period")) var window = "30d"

    func validate() throws {
        _ = try historyPeriodStart(window, option: "--window")
        do { _ = try HistorySpan.objective(objective) } catch let error as RecordingError { throw ValidationError(error.message) }
    }

    func run() async throws {
        let start = try historyPeriodStart(window, option: "--window")
        let fraction = try HistorySpan.objective(objective)
        try await withHistoryStore(source.history) { store in
            let report = try await store.sloReport(objective: fraction, since: start)
            try source.show(HistoryTables.slo(report), json: report)
        }
    }
}
