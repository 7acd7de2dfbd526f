import ArgumentParser
import Foundation
import SmokegateConfig
import SmokegateCore
import SmokegateFixtures
import SmokegateModel
import SmokegateVocabulary

/// `smokegate demo`: the embedded blue/green demo, needing no network and no other service.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start an in-process blue and green shop on loopback, compare them with checks/demo.yml, then watch a simulated cutover.",
        discussion: """
            The run's reports go to --out (default reports/), the cutover watch's to its cutover/ subdirectory; unless
            --format says otherwise the demo writes the HTML report and the Markdown summary too (report.html, summary.md).
            With --serve, the shop is served instead: `smokegate serve` on the demo suite, at the URL it prints, until             SIGINT / SIGTERM.
            """
    )

    @Option(help: "The demo suite; the built-in copy is used when this file does not exist.")
    var suite = "checks/demo.yml"

    @Option(help: "The cutover suite; the built-in copy is used when this file does not exist.")
    var cutoverSuite = "checks/cutover.yml"

    @Flag(help: "Skip the simulated cutover at the end.")
    var noCutover = false

    @Flag(help: "Start the shop and `smokegate serve` its suite (see --listen), print the URL to open, run until a signal.")
    var serve = false

    @OptionGroup var serveOptions: ServeOptions

    @OptionGroup var options: OutputOptions
    @OptionGroup var limits: RunLimits

    /// The demo is for looking at: with the default formats it also writes `report.html` and `summary.md`.
    static let demoFormats = "junit,json,html,markdown"

    private var output: OutputOptions {
        var output = options
        if output.format == OutputOptions.defaultFormat { output.format = Self.demoFormats }
        return output
    }
    @OptionGroup var push: PushOptions

    func run() async throws {
        let demoPath = try suitePath(suite, builtIn: DemoSuite.yaml, name: "demo.yml")
        if serve { return try await serveDemo(demoPath) }
        let cutoverPath = try suitePath(cutoverSuite, builtIn: DemoSuite.cutoverYAML, name: "cutover.yml")
        _ = try push.target()
        let codes = try await DemoServices.withServices { services in
            print("demo: blue (\(DemoRoute.blueVersion)) on \(services.blue.baseURL), green (\(DemoRoute.greenVersion)) on \(services.green.baseURL)\n")
            let variables = Self.variables(services)
            guard let loaded = await load(demoPath, variables: variables, comparing: true, reportingTo: output) else { return [ExitStatus.usage] }
            let run = SuiteRun(suite: loaded, tags: [], concurrency: limits.concurrency, deadline: try limits.parsedDeadline())
            let report = try await SessionDriver(output: output).drive { signal, _ in
                try await run.execute(signal: signal, progress: ProgressLine.shown(unless: output.quiet))
            }
            try await push.followUp(output: output, phase: "comparison").perform(report, suite: loaded)
            guard !noCutover, !report.interrupted else { return [report.exitCode] }
            return [report.exitCode, try await cutover(cutoverPath, variables: variables)]
        }
        // A demo that ran has done its job whatever it decided (its green is slower on purpose, its cutover has an
        // outage); the decisions' own exit codes are in the reports. Only a demo that could not run, or was stopped, fails.
        if let failed = codes.first(where: { [.usage, .sigint, .sigterm, .deadline].contains($0) }) { throw ExitCode(failed.code) }
        if let pages = try? output.formats(), pages.contains(.html) {
            let directory = output.outDirectory.hasSuffix("/") ? output.outDirectory : output.outDirectory + "/"
            print("\ndemo: open \(directory)report.html in a browser" + (codes.count > 1 ? " (the cutover's: \(directory)cutover/report.html)" : ""))
        }
        if codes[0] != .pass { print("(smokegate run would exit \(codes[0].code) here: docs/exit-codes.md)") }
        if codes.count > 1, codes[1] != .pass { print("(smokegate watch would exit \(codes[1].code) here)") }
    }

    /// The shop, served: `smokegate serve` on the demo suite until SIGINT / SIGTERM.
    private func serveDemo(_ path: String) async throws {
        let (address, token) = try serveOptions.resolved()
        ServeOptions.bootstrapLogging(serveOptions.logFormat)
        try await DemoServices.withServices { services in
            print("demo: blue (\(DemoRoute.blueVersion)) on \(services.blue.baseURL), green (\(DemoRoute.greenVersion)) on \(services.green.baseURL)")
            var loadOptions = LoadOptions(variables: Self.variables(services), processEnvironment: ProcessInfo.processInfo.environment)
            loadOptions.comparing = false
            let options = loadOptions
            let suite = try await SuiteOptions.load(paths: [path], options: options, reportingTo: nil)
            try await serveOptions.serve(suite, tags: [], address: address, token: token) { () async throws(ConfigErrors) -> Suite in
                try await SuiteLoader.load(paths: [path], options: options)
            }
        }
    }

    /// Where the demo's services listen, as the demo suite's variables.
    private static func variables(_ services: DemoServices) -> [String: String] {
        ["demo_blue_url": services.blue.baseURL, "demo_green_url": services.green.baseURL,
         "demo_blue_cache": DemoServices.address(of: services.blueCache), "demo_green_cache": DemoServices.address(of: services.greenCache)]
    }

    /// Watches the route switch from blue to green with a 300 ms outage, and says what was measured.
    private func cutover(_ path: String, variables: [String: String]) async throws -> ExitStatus {
        let route = try await DemoRoute.start()
        do {
            var variables = variables
            variables["demo_route_url"] = route.baseURL
            var watchOutput = output
            watchOutput.outDirectory = (output.outDirectory.hasSuffix("/") ? output.outDirectory : output.outDirectory + "/") + "cutover"
            guard let suite = await load(path, variables: variables, comparing: false, reportingTo: watchOutput) else {
                try? await route.shutdown()
                return .usage
            }
            let plan = WatchPlan(settings: suite.watch)
            print("\ndemo: cutover — the route on \(route.baseURL) answers as blue, then switches to green with a 300ms outage at +1s;"
                + " watching the route, blue and green every \(DurationText.format(plan.interval)) for \(DurationText.format(plan.duration))\n")
            async let switched = route.cutover(after: .seconds(1), outage: .milliseconds(300))
            let report = try await WatchCommand.watch(suite, tags: [], plan: plan, output: watchOutput)
            try await push.followUp(output: watchOutput, phase: "cutover").perform(report, suite: suite)
            let outage = try await switched
            let real = DurationText.format(outage.end - outage.start)
            if let measured = report.watch?.targets.first(where: { $0.environment == "route" }) {
                let window = measured.windows.first.map { "\(DurationText.format(microseconds: $0.durationMs * 1000)) ±\(DurationText.format(plan.interval))" } ?? "no window"
                print("demo: the route failed for \(real); smokegate measured \(window) (\(measured.windowCount) window\(measured.windowCount == 1 ? "" : "s"))"
                    + (measured.cutover.map { ", cutover \($0.from) → \($0.to) at +\(String(format: "%.3f", $0.startMs / 1000))s" } ?? ""))
            }
            try await route.shutdown()
            return report.exitCode
        } catch {
            try? await route.shutdown()
            throw error
        }
    }

    /// Loads a suite, or prints its errors (and writes them as the reports where this part of the demo writes them)
    /// and returns nil.
    private func load(_ path: String, variables: [String: String], comparing: Bool, reportingTo output: OutputOptions) async -> Suite? {
        var options = LoadOptions(variables: variables, processEnvironment: ProcessInfo.processInfo.environment)
        if !comparing { options.chainingUnsupportedBy = "smokegate watch" }
        options.comparing = comparing
        return try? await SuiteOptions.load(paths: [path], options: options, reportingTo: output)
    }

    /// `path` when it exists (so edits to it show), else the copy built into the binary.
    private func suitePath(_ path: String, builtIn: String, name: String) throws -> String {
        if FileManager.default.fileExists(atPath: path) { return path }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-demo-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try Data(builtIn.utf8).write(to: file)
        return file.path
    }
}
