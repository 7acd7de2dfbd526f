import Foundation
import SmokegateReports
import SmokegateVerdict
import SmokegateVocabulary
import ArgumentParser
import SmokegateCore
import SmokegateRecording
import SmokegateModel

/// `smokegate watch`: probe continuously across a cutover and report downtime windows and the version timeline.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Probe every check at a fixed rate across a cutover: downtime windows, availability, which version answered when.",
        discussion: """
            Every check runs in every environment it defines (a target) every --interval, open loop, until --duration \
            ends, the --until condition holds, or SIGINT / SIGTERM arrives. Reports are checkpointed every few seconds \
            and finalised at the end. Gates come from the suite's watch: block (default: downtime: 0s).

            Examples:
              smokegate watch checks/cutover.yml --interval 100ms --duration 10m
              smokegate watch checks/cutover.yml --interval 50ms --until "version v2 for 30s"
              smokegate watch checks/cutover.yml --env public --duration 2m --out build/watch
            """
    )

    @OptionGroup var suiteOptions: SuiteOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var push: PushOptions
    @OptionGroup var history: HistoryOptions

    @Option(help: ArgumentHelp("Time between two probes of a target (default: the suite's watch.interval, else 250ms).", valueName: "duration"))
    var interval: String?

    @Option(help: ArgumentHelp("Stop after this long (default: the suite's watch.duration, else 5m).", valueName: "duration"))
    var duration: String?

    @Option(help: ArgumentHelp("Stop early once this holds: 'version <v> for <duration>' or 'up for <duration>'.", valueName: "condition"))
    var until: String?

    @Option(help: "Probes of one target in flight at once (default: its timeout / interval + 1, within 4…256).")
    var maxInFlight: Int?

    @Option(help: ArgumentHelp("Rewrite the reports this often while watching (default 5s).", valueName: "duration"))
    var checkpoint: String?

    func validate() throws {
        _ = try parsedDurations()
        if let until, case .failure(let error) = UntilCondition.parse(until) { throw ValidationError("--until: \(error.message)") }
        if let maxInFlight, !(1...10_000).contains(maxInFlight) { throw ValidationError("--max-in-flight must be between 1 and 10000") }
    }

    private func parsedDurations() throws -> (interval: Duration?, duration: Duration?, checkpoint: Duration?) {
        (try DurationArgument.parse(interval, flag: "interval", minimum: .milliseconds(1)),
         try DurationArgument.parse(duration, flag: "duration", minimum: .milliseconds(1)),
         try DurationArgument.parse(checkpoint, flag: "checkpoint", minimum: .milliseconds(100)))
    }

    func run() async throws {
        let suite = try await suiteOptions.load(comparing: nil, reportingTo: output, chainingUnsupportedBy: "smokegate watch")
        let durations = try parsedDurations()
        let condition = try until.map { text in try UntilCondition.parse(text).get() }
        let plan = WatchPlan(settings: suite.watch, interval: durations.interval, duration: durations.duration, until: condition,
                             maxInFlight: maxInFlight, checkpointEvery: durations.checkpoint)
        let followUp = try push.followUp(output: output)
        let recorder = try history.recorder()
        let latencies = LatencyCapture()
        let report = try await Self.watch(suite, tags: suiteOptions.tags, plan: plan, output: output, latencies: latencies)
        await followUp.perform(report, suite: suite)
        await recorder?.record(report, redactor: suite.redactor, histograms: latencies.histograms)
        if report.exitCode != .pass { throw ExitCode(report.exitCode.code) }
    }

    /// Watches with a live view on standard output (redrawn in place on a terminal, lines when piped), checkpoints
    /// where the reports go, and the summary at the end.
    static func watch(_ suite: Suite, tags: [String], plan: WatchPlan, output: OutputOptions, latencies: LatencyCapture? = nil) async throws -> RunReport {
        let console = WatchConsole(suite: suite, live: !output.quiet && isatty(STDOUT_FILENO) == 1, quiet: output.quiet, color: output.color,
                                   write: SessionDriver.standardOutput)
        return try await SessionDriver(output: output).drive { signal, destination in
            let session = {
                var session = WatchSession(suite: suite, plan: plan, tags: tags, checkpoints: destination)
                session.latencyCapture = latencies
                return session
            }()
            console.start(session.initialState())
            let observer = WatchSession.Observer(
                event: { event, state in console.event(event, state: state) },
                tick: { state in console.tick(state) { session.targets(state) } },
                checkpointFailed: { error in
                    FileHandle.standardError.write(Data("smokegate: cannot checkpoint reports to \(output.outDirectory): \(error); still watching\n".utf8))
                })
            let report = try await session.run(signal: signal, observer: observer)
            console.finish()
            return report
        }
    }
}
