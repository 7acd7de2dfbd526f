import Foundation

/// A program a test starts and talks to while it runs (the smokegate binary serving, say): its output collected
/// as it comes, lines awaited against a deadline, signals sent, its end awaited. A process still running when the
/// test lets go of it is stopped (SIGTERM, then SIGKILL) by `end`.
public final class BackgroundProcess: Sendable {
    private let process: ToolProcess

    /// Starts `executable` with `arguments`; `environment` is added to the test process's own.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws {
        process = try ToolProcess(tool: (executable as NSString).lastPathComponent, executable: executable, arguments: arguments,
                                  missing: "build it first (swift build)", environment: environment, directory: directory)
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }
    /// Everything written to standard output / error so far.
    public var stdout: String { process.stdout.text }
    public var stderr: String { process.stderr.text }

    /// The first complete line of standard output that `matches`, waiting up to `limit`; nil if none came (or the
    /// process ended first).
    public func line(matching matches: (String) -> Bool, within limit: Duration) async -> String? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let line = process.stdout.lines.first(where: matches) { return line }
            if !process.isRunning, process.stdout.isClosed { return process.stdout.lines.first(where: matches) }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Sends `signal` (SIGHUP, SIGTERM…).
    public func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// The exit status once the process has exited and its output is read, or nil when `limit` passes first.
    public func waitForExit(within limit: Duration) async -> Int32? {
        await process.waitForExit(within: limit)
    }

    /// Stops it if it still runs: SIGTERM, SIGKILL after 20 s.
    public func end() async {
        await process.end()
    }
}
