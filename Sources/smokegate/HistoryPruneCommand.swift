import ArgumentParser
import Foundation
import SmokegateHistory
import SmokegateRecording

/// `smokegate history prune`: retention, applied now.
struct HistoryPruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Apply retention: delete per-run detail and raw windows older than --retention, summaries older than --keep-summaries.")

    @OptionGroup var source: HistorySource
    @Option(help: ArgumentHelp("Keep per-run detail, downtime windows, cutovers and resolved incidents this long.", valueName: "period"))
    var retention = "30d"
    @Option(help: ArgumentHelp("Keep run rows and hourly rollups this long (at least --retention).", valueName: "period"))
    var keepSummaries = "400d"

    func validate() throws {
        _ = try historyPeriodStart(retention, option: "--retention")
        _ = try historyPeriodStart(keepSummaries, option: "--keep-summaries")
    }

    func run() async throws {
        let policy = try RetentionPolicy(detail: HistorySpan.parse(retention, option: "--retention"),
                                         summaries: HistorySpan.parse(keepSummaries, option: "--keep-summaries"))
        try await withHistoryStore(source.history) { store in
            let report = try await store.applyRetention(policy)
            try source.show(HistoryTables.retention(report), json: report)
        }
    }
}
