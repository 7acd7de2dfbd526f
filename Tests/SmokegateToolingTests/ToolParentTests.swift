import Foundation
import SmokegateTestTools
import Synchronization
import Testing

/// The test tools end when the process that started them dies, and only then: not when the thread that started
/// them ends. Swift tests start tools from pool threads the runtime retires when idle, and a parent-death signal
/// (which Linux ties to the spawning thread) once killed six Chromium checks and two Prometheus runs mid-test.
@Suite struct ToolParentTests {
    /// What every tool does first (`end_with_parent`), then waits for its stdin's end; its `finally` marks the
    /// file given, as a tool's cleanup stops its server.
    static let tool = """
        import sys
        sys.path.insert(0, sys.argv[1])
        import toolsupport as ts
        ts.end_with_parent()
        try:
            print("ready", flush=True)
            sys.stdin.read()
        finally:
            with open(sys.argv[2], "w") as f:
                f.write("cleaned up")
        """

    /// A process started from a thread, its stdin, what it printed, and the thread's id.
    struct Started: Sendable {
        var process: Process
        var input: FileHandle
        var output: String
        var thread: Int32
    }

    static func marker() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-tool-parent-\(UUID().uuidString)")
    }

    /// This thread's kernel id, from `/proc/thread-self` (a link to `PID/task/TID`).
    static func currentThread() throws -> Int32 {
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")
        return try #require(link.split(separator: "/").last.flatMap { Int32($0) }, "\(link)")
    }

    /// Reads `handle` until `text` has come (or the pipe closes) and returns everything read.
    static func read(_ handle: FileHandle, until text: String) -> String {
        var output = ""
        while !output.contains(text) {
            let data = handle.availableData
            if data.isEmpty { break }
            output += String(decoding: data, as: UTF8.self)
        }
        return output
    }

    @Test func aToolOutlivesTheThreadThatStartedIt() async throws {
        let marker = Self.marker()
        defer { try? FileManager.default.removeItem(at: marker) }
        let started = Mutex<Result<Started, any Error>?>(nil)
        // The thread starts the tool, waits until the tool is past `end_with_parent`, and ends.
        Thread {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", Self.tool, TestTools.directory, marker.path]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            let result = Result<Started, any Error> {
                try process.run()
                let printed = Self.read(output.fileHandleForReading, until: "ready\n")
                return Started(process: process, input: input.fileHandleForWriting, output: printed, thread: try Self.currentThread())
            }
            started.withLock { $0 = result }
        }.start()

        #expect(await eventually { started.withLock { $0 != nil } })
        let tool = try #require(try started.withLock { try $0?.get() })
        #expect(tool.output == "ready\n")
        // Until the thread is gone from this process, the test has not shown anything.
        #expect(await eventually { !FileManager.default.fileExists(atPath: "/proc/self/task/\(tool.thread)") })

        #expect(tool.process.isRunning, "the tool ended with the thread that started it")
        try tool.input.close()
        #expect(await eventually { !tool.process.isRunning })
        #expect(tool.process.terminationReason == .exit)
        #expect(tool.process.terminationStatus == 0, "ended by signal \(tool.process.terminationStatus - 128)?")
        #expect(try String(contentsOf: marker, encoding: .utf8) == "cleaned up")
    }

    @Test func aToolEndsThroughItsCleanupWhenItsParentDies() async throws {
        let marker = Self.marker()
        defer { try? FileManager.default.removeItem(at: marker) }
        // The shell is the tool's parent; the tool's stdin is the shell's (fd 3: a background job's stdin would be
        // /dev/null), so it never reaches its end while this test holds the pipe: only the parent's death ends it.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "exec 3<&0; /usr/bin/python3 -c \"$0\" \"$1\" \"$2\" <&3 3<&- & echo \"pid $!\"; wait",
                           Self.tool, TestTools.directory, marker.path]
        let input = Pipe(), output = Pipe()
        shell.standardInput = input
        shell.standardOutput = output
        try shell.run()
        defer { try? input.fileHandleForWriting.close() }
        let printed = Self.read(output.fileHandleForReading, until: "ready\n")
        let pidText = try #require(printed.split(separator: "\n").first { $0.hasPrefix("pid ") }, "\(printed)")
        let pid = try #require(Int32(pidText.dropFirst(4)))
        #expect(Loopback.isRunning(pid: pid))

        kill(shell.processIdentifier, SIGKILL)
        #expect(await eventually(within: .seconds(10)) { !Loopback.isRunning(pid: pid) }, "the tool outlived its parent")
        #expect(try String(contentsOf: marker, encoding: .utf8) == "cleaned up")
    }
}
