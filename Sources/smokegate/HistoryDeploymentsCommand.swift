import ArgumentParser
import Foundation
import SmokegateHistory
import SmokegateRecording

/// `smokegate history deployments`: the runbook's three numbers over a period.
struct HistoryDeploymentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deployments",
        abstract: "Deployment success rate (green ≥ 99 %, red < 95 %), downtime per deployment and time to rollback.")

    @OptionGroup var source: HistorySource
    @Option(help: ArgumentHelp("Deployments started within this period.", valueName: "period")) var since = "30d"

    func validate() throws { _ = try historyPeriodStart(since, option: "--since") }

    func run() async throws {
        let start = try historyPeriodStart(since, option: "--since")
        try await withHistoryStore(source.history) { store in
            let report = try await store.deploymentReport(since: start)
            try source.show(HistoryTables.deployments(report), json: report)
        }
    }
}
