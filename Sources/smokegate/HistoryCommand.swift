import ArgumentParser

/// `smokegate history`: what the history holds, as tables for people or JSON for scripts.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show, export and prune the recorded runs, deployments and SLOs (--history or SMOKEGATE_HISTORY).",
        discussion: """
            Examples:
              smokegate history runs --history build/history.sqlite --since 7d --label branch=main
              smokegate history deployments --history postgres://smokegate@db/ops --since 30d --json
              smokegate history slo --objective 99.9% --window 30d
              smokegate history export --format csv > runs.csv
              smokegate history prune --retention 30d
            """,
        subcommands: [HistoryRunsCommand.self, HistoryDeploymentsCommand.self, HistorySLOCommand.self, HistoryExportCommand.self,
                      HistoryPruneCommand.self]
    )
}
