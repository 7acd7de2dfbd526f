import ArgumentParser
import Foundation
import SmokegateCore
import SmokegateModel
import SmokegateVocabulary

/// `smokegate`: decides whether a deployment may be promoted.
@main
struct Smokegate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "smokegate",
        abstract: "Probe blue and green, measure latency, and decide whether a deployment may be promoted.",
        discussion: ExitStatus.summary,
        version: SmokegateVersion.current,
        subcommands: [RunCommand.self, WatchCommand.self, ServeCommand.self, ValidateCommand.self, ListCommand.self, HistoryCommand.self, DemoCommand.self]
    )

    /// Usage errors exit 2 like configuration errors (ArgumentParser's default is 64): CI scripts test one code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                UsageErrorReports.write(message(for: error), arguments: Array(CommandLine.arguments.dropFirst()))
                Foundation.exit(ExitStatus.usage.code)
            }
            exit(withError: error)
        }
    }
}

