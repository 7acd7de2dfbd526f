import Foundation
import SmokegateTestTools
import Testing

/// The built `smokegate` binary (`SMOKEGATE_BIN`, else `.build/debug/smokegate`), run as a user runs it.
enum SmokegateBinary {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var path: String {
        ProcessInfo.processInfo.environment["SMOKEGATE_BIN"] ?? packageRoot.appendingPathComponent(".build/debug/smokegate").path
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary in `directory` with `environment` added, calls `whileRunning` meanwhile, and waits for its
    /// end (at most `limit`: a hung binary fails the test).
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:], limit: Duration = .seconds(90),
                    whileRunning: (() async throws -> Void)? = nil) async throws -> Outcome {
        #expect(FileManager.default.isExecutableFile(atPath: path), "smokegate binary missing at \(path): run `swift build` first")
        var env = environment
        env["NO_COLOR"] = "1"
        let process = try BackgroundProcess(path, arguments, environment: env, directory: directory)
        if let whileRunning { try await whileRunning() }
        guard let status = await process.waitForExit(within: limit) else {
            await process.end()
            Issue.record("smokegate \(arguments.joined(separator: " ")) did not finish within \(limit)")
            return Outcome(status: -1, stdout: process.stdout, stderr: process.stderr)
        }
        return Outcome(status: status, stdout: process.stdout, stderr: process.stderr)
    }

    /// A fresh directory holding `files`.
    static func workspace(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-historycli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// Polls `condition` until it holds; records a failure after `limit`.
    static func waitFor(_ condition: () -> Bool, within limit: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + limit
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met within \(limit)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
