import Foundation

/// One run of a script from `scripts/test-tools` (or of a program such as curl): output collected as it comes,
/// the end awaited against a deadline (polled, never a guessed sleep), and ended by signal when it overstays.
final class ToolProcess: Sendable {
    /// A finished run.
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let tool: String
    let stdout: OutputBuffer
    let stderr: OutputBuffer
    private let process: Process
    private let input: FileHandle

    /// Starts `scripts/test-tools/<tool> <arguments>`.
    convenience init(_ tool: String, _ arguments: [String]) throws {
        let script = TestTools.script(tool)
        guard FileManager.default.isExecutableFile(atPath: script) else {
            throw TestToolError.broken(tool, "\(script) is missing or not executable")
        }
        try self.init(tool: tool, executable: script, arguments: arguments,
                      missing: "its interpreter, /usr/bin/python3, comes with `make test-deps`")
    }

    /// Starts `executable`; `missing` says where to get it when it cannot be run. `environment` is added to this
    /// process's own; `directory` is where it starts.
    init(tool: String, executable: String, arguments: [String], missing: String, environment: [String: String] = [:],
         directory: URL? = nil) throws {
        // A tool that exits before reading all its input must not kill the test process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let directory { process.currentDirectoryURL = directory }
        let inputPipe = Pipe(), outputPipe = Pipe(), errorPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        do {
            try process.run()
        } catch {
            throw TestToolError.unavailable(tool, "cannot run \(executable) (\(error)); \(missing)")
        }
        self.tool = tool
        self.process = process
        input = inputPipe.fileHandleForWriting
        stdout = OutputBuffer(reading: outputPipe.fileHandleForReading)
        stderr = OutputBuffer(reading: errorPipe.fileHandleForReading)
    }

    /// Runs the tool to its end, feeding it `input`; a run longer than `timeout` is stopped and reported.
    static func run(_ tool: String, _ arguments: [String], input: Data = Data(), timeout: Duration) async throws -> Result {
        try await ToolProcess(tool, arguments).finish(input: input, timeout: timeout)
    }

    /// Feeds the running tool `input` and waits for its end; a run longer than `timeout` is stopped and reported.
    func finish(input: Data, timeout: Duration) async throws -> Result {
        send(input)
        guard let status = await waitForExit(within: timeout) else {
            await end()
            throw TestToolError.broken(tool, "did not finish within \(timeout); stderr: \(stderr.text)")
        }
        let result = Result(status: status, stdout: stdout.text, stderr: stderr.text)
        if status == TestTools.missingExitCode {
            throw TestToolError.unavailable(tool, TestTools.errorMessage(in: result))
        }
        return result
    }

    /// Writes `data` to the tool's stdin and closes it, from a thread of its own (a pipe write can block).
    func send(_ data: Data) {
        let input = self.input
        Thread {
            try? input.write(contentsOf: data)
            try? input.close()
        }.start()
    }

    /// Closes the tool's stdin, which tells a `run` subcommand to stop its server.
    func closeInput() {
        try? input.close()
    }

    var isRunning: Bool { process.isRunning }

    var processIdentifier: Int32 { process.processIdentifier }

    /// The exit status once the tool has exited and its output is read, or nil when `limit` passes first.
    func waitForExit(within limit: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + limit
        while process.isRunning || !stdout.isClosed || !stderr.isClosed {
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// Stops the tool: SIGTERM (its `finally` blocks stop what it started), SIGKILL if that takes over 20 s
    /// (whatever it started then dies with it: the tools make their servers' parent-death signal SIGKILL).
    func end() async {
        guard process.isRunning else { return }
        process.terminate()
        if await waitForExit(within: .seconds(20)) == nil {
            kill(process.processIdentifier, SIGKILL)
            _ = await waitForExit(within: .seconds(10))
        }
    }

    deinit {
        try? input.close()
    }
}
