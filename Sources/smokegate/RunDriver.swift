import ArgumentParser
import Foundation
import SmokegateCore
import SmokegateCurl

/// Runs a loaded suite the way every command does: signals trapped, progress on a terminal, reports written
/// atomically, the summary printed, and the verdict's exit code returned.
struct RunDriver {
    var suite: Suite
    var tags: [String]
    var output: OutputOptions
    var concurrency: Int
    /// Stops the run when it takes longer (`--deadline`).
    var deadline: Duration?

    func run() async throws -> Int32 {
        let formats = try output.prepareReports()
        let run = SuiteRun(suite: suite, tags: tags, concurrency: concurrency, deadline: deadline)
        let showProgress = !output.quiet && isatty(STDERR_FILENO) == 1
        let stop = RunStop<RunReport>()
        defer { stop.end() }
        let report = try await CurlEngine.withEngine { engine in
            let task = Task { [engine] in
                await run.execute(engine: engine, interruption: { stop.received }) { _, done, total in
                    guard showProgress, done == total || done % 25 == 0 else { return }
                    FileHandle.standardError.write(Data("\r\u{1B}[2Kprobing… \(done)/\(total)".utf8))
                }
            }
            stop.attach(task)
            let report = await task.value
            if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            return report
        }

        try output.finish(report, formats: formats)
        return Int32(report.exitCode)
    }
}
