import ArgumentParser
import Foundation
import SmokegateConfig
import SmokegateCore
import SmokegateModel
import SmokegateReports
import SmokegateVocabulary

/// Which suites to load and how to resolve them: shared by `run`, `validate` and `watch`.
struct SuiteOptions: ParsableArguments {
    @Argument(help: "Suite files, or directories of *.yml / *.yaml suites.", completion: .file())
    var paths: [String] = ["checks"]

    @Option(name: .customLong("env"), help: "An environment to probe; repeat for several (default: all defined).")
    var environments: [String] = []

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable used as {{key}}; repeat for several.", valueName: "key=value"))
    var variables: [String] = []

    @Option(name: .customLong("tag"), help: "Run only checks with this tag; repeat for several.")
    var tags: [String] = []

    @Option(name: .customLong("check"), help: ArgumentHelp("Run only checks whose name or suite/name matches (globs: *, ?, [...]), with the checks they wait for; repeat for several.",
                                                           valueName: "name"))
    var checks: [String] = []

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
        options.checks = checks
        return options
    }

    /// Loads the suites, or prints every configuration error and exits 2; with `output`, the errors also replace the
    /// reports, so a pipeline that reads them whatever the exit code never sees the previous run's verdict.
    /// `comparison` nil loads for a command that compares nothing (`watch`): `compare:` blocks are then ignored.
    /// `chainingUnsupportedBy` names a command that cannot pass captured values between checks (`smokegate watch`).
    func load(comparing comparison: ComparisonOptions?, reportingTo output: OutputOptions? = nil, chainingUnsupportedBy: String? = nil) async throws -> Suite {
        var options = loadOptions
        options.baseline = comparison?.baseline
        options.candidate = comparison?.candidate
        options.comparing = comparison != nil
        options.chainingUnsupportedBy = chainingUnsupportedBy
        return try await Self.load(paths: paths, options: options, reportingTo: output)
    }

    /// `SuiteLoader.load`, with its errors printed (and written as reports to `output`) before exiting 2.
    static func load(paths: [String], options: LoadOptions, reportingTo output: OutputOptions?) async throws -> Suite {
        do throws(ConfigErrors) {
            let suite = try await SuiteLoader.load(paths: paths, options: options)
            for warning in suite.warnings { FileHandle.standardError.write(Data((warning.description + "\n").utf8)) }
            return suite
        } catch {
            let standardError = FileHandle.standardError
            for problem in error.errors { standardError.write(Data((problem.description + "\n").utf8)) }
            standardError.write(Data("\(error.errors.count) configuration error\(error.errors.count == 1 ? "" : "s"); nothing was probed\n".utf8))
            output?.writeConfigurationErrors(error.errors, files: paths, tags: options.tags)
            throw ExitCode(ExitStatus.usage.code)
        }
    }
}

/// Which environment is judged against which: `run` and `validate` (a watch compares nothing).
struct ComparisonOptions: ParsableArguments {
    @Option(help: "Compare against this environment (with --candidate): promote / hold / rollback.")
    var baseline: String?

    @Option(help: "The environment judged against --baseline.")
    var candidate: String?
}

/// Where reports go and how the console looks: shared by `run`, `watch` and `demo`.
struct OutputOptions: ParsableArguments {
    static let defaultFormat = "junit,json"

    @Option(name: .customLong("out"), help: "Directory for report files.")
    var outDirectory = "reports"

    @Option(help: ArgumentHelp("Report files to write: junit, json, html, markdown (comma-separated), or none.", valueName: "formats"))
    var format = OutputOptions.defaultFormat

    @Flag(help: "Print only the verdict, its reasons and the report paths.")
    var quiet = false

    @Flag(help: "Never colour the output (also when NO_COLOR is set or output is not a terminal).")
    var noColor = false

    func validate() throws {
        _ = try formats()
        if let problem = outputProblem() { throw ValidationError(problem) }
    }

    /// What is wrong with `--out` before anything is tried, in words; nil when it may be usable.
    func outputProblem() -> String? {
        if outDirectory.isEmpty { return "--out needs a directory" }
        if outDirectory == "-" { return "--out -: reports are files in a directory (the summary already goes to standard output); name a directory" }
        return nil
    }

    func formats() throws -> [ReportFormat] {
        let names = format.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if names == ["none"] { return [] }
        if names.contains("none") { throw ValidationError("--format '\(format)': 'none' cannot be combined with other formats") }
        if names.contains("") { throw ValidationError("--format '\(format)' has an empty entry: list junit, json, html, markdown (comma-separated), or none") }
        var formats: [ReportFormat] = []
        for name in names {
            guard let format = ReportFormat(rawValue: name) else {
                throw ValidationError("unknown --format '\(name)': use junit, json, html, markdown, or none")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
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
