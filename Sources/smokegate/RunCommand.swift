import ArgumentParser
import SmokegateCore
import SmokegateRecording

/// `smokegate run`: probe the suites and decide.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the checks against one or more environments and write JUnit and JSON reports.",
        discussion: """
            Examples:
              smokegate run checks/ --env green
              smokegate run checks/ --env blue --env green --concurrency 32 --out build/reports
              smokegate run checks/api.yml --var token_scope=read --tag critical
              smokegate run checks/ --baseline blue --candidate green     # exit 0 promote, 3 hold, 1 rollback
              smokegate run checks/ --env green --push-gateway http://pushgateway:9091 --push-label branch=main
            """
    )

    @OptionGroup var suiteOptions: SuiteOptions
    @OptionGroup var comparison: ComparisonOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var limits: RunLimits
    @OptionGroup var push: PushOptions
    @OptionGroup var history: HistoryOptions

    func run() async throws {
        let suite = try await suiteOptions.load(comparing: comparison, reportingTo: output)
        let latencies = LatencyCapture()
        var configured = SuiteRun(suite: suite, tags: suiteOptions.tags, concurrency: limits.concurrency, deadline: try limits.parsedDeadline())
        configured.latencyCapture = latencies
        let run = configured
        let followUp = try push.followUp(output: output)
        let recorder = try history.recorder()
        let report = try await SessionDriver(output: output).drive { signal, _ in
            try await run.execute(signal: signal, progress: ProgressLine.shown(unless: output.quiet))
        }
        await followUp.perform(report, suite: suite)
        await recorder?.record(report, redactor: suite.redactor, histograms: latencies.histograms)
        if report.exitCode != .pass { throw ExitCode(report.exitCode.code) }
    }
}
