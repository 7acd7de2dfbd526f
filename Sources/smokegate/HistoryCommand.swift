import ArgumentParser
import Foundation
import SmokegateHistory
import SmokegateRecording
import SmokegateVocabulary

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

/// `--history` and `--json` for the `history` subcommands.
struct HistorySource: ParsableArguments {
    @Option(help: ArgumentHelp("The history to read: a file path (SQLite) or a postgres:// URL; default $SMOKEGATE_HISTORY.", valueName: "location"))
    var history: String?

    @Flag(help: "JSON for scripts instead of a table.")
    var json = false

    func validate() throws {
        _ = try historyLocation(history)
    }

    /// Writes `text` or, with `--json`, `value` as JSON to standard output.
    func show(_ text: String, json value: some Encodable) throws {
        fflush(nil)
        FileHandle.standardOutput.write(json ? try HistoryTables.json(value) : Data(text.utf8))
    }
}

/// The history given by `--history` or `SMOKEGATE_HISTORY`; a usage error without either.
func historyLocation(_ option: String?) throws -> HistoryLocation {
    guard let text = option ?? ProcessInfo.processInfo.environment["SMOKEGATE_HISTORY"].flatMap({ $0.isEmpty ? nil : $0 }) else {
        throw ValidationError("give the history with --history LOCATION or SMOKEGATE_HISTORY")
    }
    do { return try HistoryLocation(parsing: text) } catch let error as HistoryError { throw ValidationError("--history: \(error.message)") }
}

/// Opens the store at `option`, runs `body`, closes it; a store failure is one line on standard error and exit
/// status 2, like any error that stops a command before it could answer.
func withHistoryStore(_ option: String?, _ body: (HistoryStore) async throws -> Void) async throws {
    let location = try historyLocation(option)
    // Reading a history that is not there is a mistake (a typo in the path), not a reason to create an empty one.
    if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
        throw ValidationError("--history: no history at \(path): give the file run, watch or serve recorded into")
    }
    do {
        let store = try await HistoryStore.open(location)
        do {
            try await body(store)
            await store.close()
        } catch {
            await store.close()
            throw error
        }
    } catch let error as HistoryError {
        FileHandle.standardError.write(Data("smokegate history: \(error)\n".utf8))
        throw ExitCode(ExitStatus.usage.code)
    }
}

/// Reads `--since`-style options as the start of the period they name.
func historyPeriodStart(_ text: String, option: String) throws -> Date {
    do { return HistorySpan.start(of: try HistorySpan.parse(text, option: option)) } catch let error as RecordingError { throw ValidationError(error.message) }
}

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
