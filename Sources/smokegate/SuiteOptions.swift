import ArgumentParser
import Foundation
import SmokegateCore

/// Which suites to load and how to resolve them: shared by `run` and `validate`.
struct SuiteOptions: ParsableArguments {
    @Argument(help: "Suite files, or directories of *.yml / *.yaml suites.", completion: .file())
    var paths: [String] = ["checks"]

    @Option(name: .customLong("env"), help: "An environment to probe; repeat for several (default: all defined).")
    var environments: [String] = []

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable used as {{key}}; repeat for several.", valueName: "key=value"))
    var variables: [String] = []

    @Option(name: .customLong("tag"), help: "Run only checks with this tag; repeat for several.")
    var tags: [String] = []

    @Option(help: "Compare against this environment (with --candidate): promote / hold / rollback.")
    var baseline: String?

    @Option(help: "The environment judged against --baseline.")
    var candidate: String?

    func validate() throws {
        for variable in variables where !variable.contains("=") || variable.hasPrefix("=") {
            throw ValidationError("--var takes key=value, got '\(variable)'")
        }
    }

    var loadOptions: LoadOptions {
        var parsed: [String: String] = [:]
        for variable in variables {
            let parts = variable.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            parsed[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        var options = LoadOptions(environments: environments, variables: parsed, tags: tags, processEnvironment: ProcessInfo.processInfo.environment)
        options.baseline = baseline
        options.candidate = candidate
        return options
    }

    /// Loads the suites, or prints every configuration error and exits 2.
    func load(extraVariables: [String: String] = [:]) throws -> Suite {
        var options = loadOptions
        options.variables.merge(extraVariables) { current, _ in current }
        do throws(ConfigErrors) {
            return try SuiteLoader.load(paths: paths, options: options)
        } catch {
            let standardError = FileHandle.standardError
            for problem in error.errors { standardError.write(Data((problem.description + "\n").utf8)) }
            standardError.write(Data("\(error.errors.count) configuration error\(error.errors.count == 1 ? "" : "s"); nothing was probed\n".utf8))
            throw ExitCode(ExitStatus.usage)
        }
    }
}

/// Where reports go and how the console looks: shared by `run`, `watch` and `demo`.
struct OutputOptions: ParsableArguments {
    @Option(name: .customLong("out"), help: "Directory for report files.")
    var outDirectory = "reports"

    @Option(help: ArgumentHelp("Report files to write: junit, json (comma-separated), or none.", valueName: "formats"))
    var format = "junit,json"

    @Flag(help: "Print only the verdict line and report paths.")
    var quiet = false

    @Flag(help: "Never colour the output (also when NO_COLOR is set or output is not a terminal).")
    var noColor = false

    func validate() throws {
        _ = try formats()
    }

    func formats() throws -> [ReportFormat] {
        let names = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if names == ["none"] { return [] }
        return try names.map { name in
            guard let format = ReportFormat(rawValue: name) else {
                throw ValidationError("unknown --format '\(name)': use junit, json, or none")
            }
            return format
        }
    }

    var color: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true && isatty(STDOUT_FILENO) == 1
    }
}

/// How many probes a run keeps in flight and how long it may take: `run` and `demo` (a watch bounds probes per
/// target and its own duration instead).
struct RunLimits: ParsableArguments {
    @Option(help: "Probes in flight at once, across all checks and environments.")
    var concurrency = 16

    @Option(help: ArgumentHelp("Stop the whole run after this long (e.g. 5m): probes in flight are cancelled, the reports say so, exit 4.",
                               valueName: "duration"))
    var deadline: String?

    func validate() throws {
        guard (1...10_000).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 10000") }
        _ = try parsedDeadline()
    }

    /// `--deadline` as a duration; nil when not given.
    func parsedDeadline() throws -> Duration? {
        try DurationArgument.parse(deadline, flag: "deadline", minimum: .milliseconds(1))
    }
}
