import ArgumentParser
import SmokegateCore
import SmokegateModel

/// A command line that does not parse stops `run` or `watch` before anything is probed, as a configuration error
/// does, and replaces their reports the same way: a pipeline that reads the reports whatever the exit code must
/// not find the previous run's verdict there.
enum UsageErrorReports {
    /// The commands that write reports.
    static let reportingCommands: Set<String> = ["run", "watch"]

    /// Writes the error reports where `arguments` (without the program name) would have put them: `--out DIR` or
    /// `--out=DIR` and `--format`, each falling back to its default when missing or itself unusable.
    static func write(_ message: String, arguments: [String]) {
        guard let command = arguments.first(where: { !$0.hasPrefix("-") }), reportingCommands.contains(command),
              var output = try? OutputOptions.parse([])
        else { return }
        if let out = value(of: "--out", in: arguments), !out.isEmpty { output.outDirectory = out }
        if let format = value(of: "--format", in: arguments) {
            output.format = format
            if (try? output.formats()) == nil { output.format = OutputOptions.defaultFormat }
        }
        guard output.outputProblem() == nil else { return }
        output.writeConfigurationErrors([ConfigError(message, at: nil)], files: [], tags: [])
    }

    /// The value of `--name VALUE` or `--name=VALUE`, the last one given.
    static func value(of name: String, in arguments: [String]) -> String? {
        var found: String?
        for (index, argument) in arguments.enumerated() {
            if argument == name, index + 1 < arguments.count { found = arguments[index + 1] }
            if argument.hasPrefix(name + "=") { found = String(argument.dropFirst(name.count + 1)) }
        }
        return found
    }
}
