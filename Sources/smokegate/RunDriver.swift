import ArgumentParser
import Foundation
import SmokegateCore
import SmokegateCurl
import Synchronization

/// Runs a loaded suite the way every command does: signals trapped, progress on a terminal, reports written
/// atomically, the summary printed, and the verdict's exit code returned.
struct RunDriver {
    var suite: Suite
    var tags: [String]
    var output: OutputOptions
    var concurrency: Int

    func run() async throws -> Int32 {
        let formats = try output.prepareReports()
        let run = SuiteRun(suite: suite, tags: tags, concurrency: concurrency)
        let showProgress = !output.quiet && isatty(STDERR_FILENO) == 1
        let report = try await CurlEngine.withEngine { engine in
            let task = Task { [engine] in
                await run.execute(engine: engine, interruption: { SignalWatcherBox.shared.received }) { _, done, total in
                    guard showProgress, done == total || done % 25 == 0 else { return }
                    FileHandle.standardError.write(Data("\r\u{1B}[2Kprobing… \(done)/\(total)".utf8))
                }
            }
            let watcher = SignalWatcher { _ in task.cancel() }
            SignalWatcherBox.shared.set(watcher)
            defer { watcher.cancel() }
            let report = await task.value
            if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            return report
        }

        try output.finish(report, formats: formats)
        return Int32(report.exitCode)
    }
}

/// Lets the run task's interruption closure read the watcher created after the task started.
final class SignalWatcherBox: Sendable {
    static let shared = SignalWatcherBox()
    private let watcher = Mutex<SignalWatcher?>(nil)

    func set(_ watcher: SignalWatcher) { self.watcher.withLock { $0 = watcher } }
    var received: VerdictBuilder.Interruption? { watcher.withLock { $0?.received } }
}
