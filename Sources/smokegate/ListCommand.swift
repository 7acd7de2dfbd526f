import ArgumentParser
import Foundation
import SmokegateCore
import SmokegateReports

/// `smokegate list`: what a run would probe, without probing.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the checks × environments a run would probe, with kinds, targets, tags and what each waits for.",
        discussion: """
            Examples:
              smokegate list checks/
              smokegate list checks/ --check 'api/*' --env green
              smokegate list checks/ --json | jq -r '.checks[].name'
            """
    )

    @OptionGroup var suiteOptions: SuiteOptions
    @OptionGroup var comparison: ComparisonOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let suite = try await suiteOptions.load(comparing: comparison)
        let selected = suite.selectedChecks(tags: suiteOptions.tags)
        if json {
            FileHandle.standardOutput.write(Data(try SuiteListing.json(suite, selected: selected)))
        } else {
            print(SuiteListing.text(suite, selected: selected), terminator: "")
        }
    }
}
