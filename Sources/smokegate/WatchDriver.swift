import ArgumentParser
import Foundation
import SmokegateCore
import SmokegateCurl

/// Runs a watch: signals trapped, a live view on a terminal (plain lines when piped), reports checkpointed while
/// watching and finalised at the end, and the verdict's exit code returned.
struct WatchDriver {
    var suite: Suite
    var tags: [String]
    var plan: WatchPlan
    var output: OutputOptions

    /// Watches, writes the final reports and prints the summary; returns the final report.
    func run() async throws -> RunReport {
        let formats = try output.prepareReports()
        let builder = WatchVerdictBuilder(suite: suite, tags: tags, toolVersion: SmokegateVersion.current)
        let console = WatchConsole(suite: suite, live: !output.quiet && isatty(STDOUT_FILENO) == 1, quiet: output.quiet, color: output.color)
        let outDirectory = output.outDirectory
        console.start(WatchState(suite: suite, plan: plan, tags: tags))

        let stop = RunStop<WatchState>()
        defer { stop.end() }
        let state = try await CurlEngine.withEngine { engine in
            let watcher = Watcher(suite: suite, plan: plan, tags: tags, engine: engine)
            let task = Task { [console] in
                var lastCheckpoint = ContinuousClock.now
                var checkpointFailed = false
                return await watcher.run(onEvent: { event, state in
                    console.event(event, state: state)
                }, onTick: { state in
                    console.tick(state, builder: builder)
                    guard !formats.isEmpty, ContinuousClock.now - lastCheckpoint >= plan.checkpointEvery else { return }
                    lastCheckpoint = .now
                    do {
                        _ = try ReportWriter.write(builder.build(state, checkpoint: true, interruption: nil), formats: formats, to: outDirectory)
                    } catch where !checkpointFailed {
                        checkpointFailed = true
                        FileHandle.standardError.write(Data("smokegate: cannot checkpoint reports to \(outDirectory): \(error); still watching\n".utf8))
                    } catch {}
                })
            }
            stop.attach(task)
            return await task.value
        }
        console.finish()
        let interruption = state.end == .interrupted ? (stop.received ?? .sigint) : nil
        let report = builder.build(state, checkpoint: false, interruption: interruption)
        try output.finish(report, formats: formats)
        return report
    }
}
