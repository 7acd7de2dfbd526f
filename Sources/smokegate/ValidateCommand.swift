import ArgumentParser
import SmokegateCore

/// `smokegate validate`: check the configuration without probing anything.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check suites without probing: every error as file:line:column, exit 2 if there is any."
    )

    @OptionGroup var suiteOptions: SuiteOptions
    @OptionGroup var comparison: ComparisonOptions

    func run() async throws {
        let suite = try await suiteOptions.load(comparing: comparison)
        let selected = suite.selectedChecks(tags: suiteOptions.tags)
        let definitions = suite.checks.indices.filter(selected.contains).reduce(0) { $0 + suite.checks[$1].definitions.count }
        let environments = suite.environments.map(\.name).joined(separator: ", ")
        print("ok: \(suite.files.count) file\(suite.files.count == 1 ? "" : "s"), \(suite.checks.count) check\(suite.checks.count == 1 ? "" : "s")"
            + (suiteOptions.checks.isEmpty ? "" : " selected by --check") + ", "
            + "\(definitions) check×environment pair\(definitions == 1 ? "" : "s") (\(environments)), \(suite.gates.count) gate\(suite.gates.count == 1 ? "" : "s")"
            + (suiteOptions.tags.isEmpty ? "" : "; \(selected.count) check\(selected.count == 1 ? "" : "s") selected by --tag"))
    }
}
