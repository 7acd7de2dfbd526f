import Foundation

/// A third-party test server written in Python (scripts/test-servers/), run as a child process.
///
/// The script prints `READY …` on stdout once it listens, takes commands on stdin, one a line, and reports what it
/// saw on stdout; every stdout line is kept so a test can wait for one. The Python comes from
/// `SMOKEGATE_TEST_PYTHON` (set by scripts/with-test-services), else the virtual environment that
/// scripts/test-python makes in `.build/test-python`. `stop()` ends the process; so does the last reference.
public final class ScriptedServer: Sendable {
    /// Why a server could not be started: the tests treat this as a missing service.
    public struct Unavailable: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// The `READY` line's words after `READY`: what the script said about where it listens.
    public let ready: [String]
    private let process: Process
    private let input: FileHandle
    private let output: ScriptedServerOutput
    private let name: String

    private init(name: String, process: Process, input: FileHandle, output: ScriptedServerOutput, ready: [String]) {
        self.name = name
        self.process = process
        self.input = input
        self.output = output
        self.ready = ready
    }

    deinit {
        stop()
    }

    /// The script's directory in this source tree.
    public static var scriptsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/test-servers").path
    }

    /// The Python that has the servers' packages, or why there is none.
    public static func python() throws(Unavailable) -> String {
        if let python = ProcessInfo.processInfo.environment["SMOKEGATE_TEST_PYTHON"], !python.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: python) else {
                throw Unavailable(reason: "SMOKEGATE_TEST_PYTHON=\(python) is not an executable")
            }
            return python
        }
        let venv = URL(fileURLWithPath: scriptsDirectory).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/test-python/bin/python3").path
        guard FileManager.default.isExecutableFile(atPath: venv) else {
            throw Unavailable(reason: "no Python for the test servers: run scripts/test-python (make test-deps) "
                + "or the tests under scripts/with-test-services")
        }
        return venv
    }

    /// Starts `script` (a file in scripts/test-servers) with `arguments` and waits for its `READY` line.
    ///
    /// - Throws: `Unavailable` when there is no Python for it, it cannot start, or it exits or stays silent for
    ///   `readyWithin` instead of getting ready (its output so far is in the reason).
    public static func start(
        _ script: String, arguments: [String] = [], readyWithin limit: Duration = .seconds(30)
    ) async throws(Unavailable) -> ScriptedServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try python())
        process.arguments = ["-u", scriptsDirectory + "/" + script] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        do {
            try process.run()
        } catch {
            throw Unavailable(reason: "could not run \(script): \(error)")
        }
        let output = ScriptedServerOutput(reading: stdout.fileHandleForReading)
        do {
            let line = try await Self.wait(for: output, of: script, within: limit) { lines in
                lines.first { $0.hasPrefix("READY") }
            }
            return ScriptedServer(name: script, process: process, input: stdin.fileHandleForWriting, output: output,
                                  ready: Array(line.split(separator: " ").dropFirst().map(String.init)))
        } catch {
            try? stdin.fileHandleForWriting.close()
            process.terminate()
            process.waitUntilExit()
            throw Unavailable(reason: "\(script) did not get ready: \(error.reason)")
        }
    }

    /// Every line the server printed so far.
    public var lines: [String] {
        output.snapshot.lines
    }

    /// Waits until a line printed after the first `skipping` satisfies `matches`, and returns it.
    ///
    /// - Throws: `Unavailable` with the output so far when none does within `limit` or the server exits.
    public func line(
        skipping: Int = 0, within limit: Duration = .seconds(10), where matches: (String) -> Bool
    ) async throws(Unavailable) -> String {
        try await Self.wait(for: output, of: name, within: limit) { lines in
            lines.dropFirst(skipping).first(where: matches)
        }
    }

    /// Waits until at least `count` lines satisfy `matches`, and returns every such line so far.
    ///
    /// A line the server printed before its answer reached the client can still be in the pipe when the client is
    /// done, so a test counts lines through this, not `lines`, once its run has ended.
    ///
    /// - Throws: `Unavailable` with the output so far when fewer do within `limit` or the server exits.
    public func lines(
        atLeast count: Int, within limit: Duration = .seconds(10), where matches: (String) -> Bool
    ) async throws(Unavailable) -> [String] {
        try await Self.wait(for: output, of: name, within: limit) { lines in
            let matching = lines.filter(matches)
            return matching.count >= count ? matching : nil
        }
    }

    /// Sends one command line and waits for the server's `OK <command>`.
    public func command(_ line: String) async throws(Unavailable) {
        let before = lines.count
        do {
            try input.write(contentsOf: Data((line + "\n").utf8))
        } catch {
            throw Unavailable(reason: "could not write to \(name): \(error)")
        }
        let acknowledgement = "OK " + line.split(separator: " ").joined(separator: " ")
        _ = try await self.line(skipping: before) { $0 == acknowledgement }
    }

    /// Waits until `found` answers something for the lines printed so far.
    private static func wait<Found>(
        for output: ScriptedServerOutput, of name: String, within limit: Duration, until found: ([String]) -> Found?
    ) async throws(Unavailable) -> Found {
        let deadline = ContinuousClock.now + limit
        while true {
            let (lines, ended) = output.snapshot
            if let found = found(lines) { return found }
            if ended || ContinuousClock.now >= deadline {
                let what = ended ? "\(name) exited" : "\(name) printed no such line within \(limit)"
                throw Unavailable(reason: "\(what); its output: \(lines.suffix(20).joined(separator: " | "))")
            }
            do {
                try await Task.sleep(for: .milliseconds(5))
            } catch {
                throw Unavailable(reason: "cancelled while waiting for \(name)")
            }
        }
    }

    /// Ends the process (SIGTERM, then waits for it).
    public func stop() {
        try? input.close()
        if process.isRunning {
            process.terminate()
        }
        process.waitUntilExit()
    }
}
