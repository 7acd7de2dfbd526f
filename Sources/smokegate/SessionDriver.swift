import ArgumentParser
import Foundation
import SmokegateCore
import SmokegateReports
import SmokegateVerdict
import SmokegateVocabulary

/// How every command drives a library session: the report directory proven writable before anything is probed,
/// SIGINT / SIGTERM trapped before the session starts, the final reports written and the summary printed.
struct SessionDriver {
    var output: OutputOptions

    /// Runs `session` (given the signal that stopped it, if any, and where checkpoints go) and returns its report.
    func drive(_ session: @escaping @Sendable (_ signal: @escaping @Sendable () -> Interruption?, _ destination: ReportDestination?) async throws -> RunReport)
        async throws -> RunReport {
        let destination = try output.prepareReports()
        let stop = RunStop()
        defer { stop.end() }
        let task = Task { try await session({ stop.received }, destination) }
        stop.attach(task)
        let report = try await task.value
        try output.finish(report, to: destination)
        return report
    }

    /// The process's standard output, for views that write as things happen: what `print` buffered goes first, so
    /// piped into a file the lines keep the order they happened in.
    static let standardOutput: @Sendable (String) -> Void = { text in
        fflush(nil)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
