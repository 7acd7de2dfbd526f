import Foundation

/// A server run by a tool's `run` subcommand, which prints a ready line, serves until its stdin closes, then
/// stops the server and removes its directory. The test process dying closes that stdin too, so a crashed test
/// leaves nothing running.
final class SupervisedServer: Sendable {
    /// The tool's `{"event": "ready", ...}` line.
    struct Ready: Decodable, Sendable {
        var url: String
        var port: Int
        var pid: Int
        var directory: String
        var log: String
        var readySeconds: Double

        enum CodingKeys: String, CodingKey {
            case url, port, pid, directory, log
            case readySeconds = "ready_seconds"
        }
    }

    let ready: Ready
    private let process: ToolProcess

    private init(ready: Ready, process: ToolProcess) {
        self.ready = ready
        self.process = process
    }

    /// Runs `scripts/test-tools/<tool> run <arguments> --timeout <readiness>` and waits for its ready line.
    static func start(_ tool: String, _ arguments: [String], readiness: Duration) async throws -> SupervisedServer {
        let process = try ToolProcess(tool, ["run"] + arguments + ["--timeout", TestTools.seconds(readiness)])
        // The tool gives up on readiness itself; the margin covers a slow start of Python on a loaded machine.
        let deadline = ContinuousClock.now + readiness + .seconds(30)
        while true {
            if let line = process.stdout.lines.first {
                if let ready = try? JSONDecoder().decode(Ready.self, from: Data(line.utf8)) {
                    return SupervisedServer(ready: ready, process: process)
                }
                break
            }
            if !process.isRunning, process.stdout.isClosed { break }
            guard ContinuousClock.now < deadline else {
                await process.end()
                throw TestToolError.broken(tool, "printed no ready line within \(readiness + .seconds(30)); stderr: \(process.stderr.text)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        // Not ready: the tool explains why and exits (127 when a program is missing).
        let status = await process.waitForExit(within: .seconds(30))
        if status == nil { await process.end() }
        let result = ToolProcess.Result(status: status ?? -1, stdout: process.stdout.text, stderr: process.stderr.text)
        if status == TestTools.missingExitCode {
            throw TestToolError.unavailable(tool, TestTools.errorMessage(in: result))
        }
        throw TestToolError.broken(tool, TestTools.errorMessage(in: result))
    }

    /// Stops the server and waits until the tool has removed it (SIGTERM, then SIGKILL, if it does not).
    func stop() async {
        process.closeInput()
        if await process.waitForExit(within: .seconds(30)) == nil {
            await process.end()
        }
    }
}
