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

    func run() async throws -> Int32 {
        let formats = try output.formats()
        if !formats.isEmpty {
            do {
                try ReportWriter.prepare(output.outDirectory)
            } catch {
                FileHandle.standardError.write(Data("smokegate: cannot write reports to \(output.outDirectory): \(error.localizedDescription); nothing was probed\n".utf8))
                throw ExitCode(ExitStatus.usage)
            }
        }
        let run = SuiteRun(suite: suite, tags: tags, concurrency: output.concurrency)
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

        let written: [String]
        do {
            written = try ReportWriter.write(report, formats: formats, to: output.outDirectory)
        } catch {
            // The probes ran but the gate has nothing to read: fail, whatever the verdict was.
            FileHandle.standardError.write(Data("smokegate: cannot write reports to \(output.outDirectory): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        let console = ConsoleReport.render(report, color: output.color)
        if output.quiet {
            print(console.split(separator: "\n").last(where: { $0.contains("VERDICT") }).map(String.init) ?? report.decision)
        } else {
            print(console, terminator: "")
        }
        if !written.isEmpty { print("reports: \(written.joined(separator: ", "))") }
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
