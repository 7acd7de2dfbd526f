import Foundation
import SmokegateFixtures
import Testing

/// Runs cut short: by a signal, a second signal, or the run's deadline. Reports must still be written and valid.
@Suite("smokegate run, interrupted")
struct InterruptionTests {
    /// A check that passes at once, then one whose samples hang far longer than any test waits.
    static func quickThenStuck(samples: Int) -> String {
        """
        checks:
          - name: quick
            http: GET {{url}}/quick
          - name: stuck
            samples: \(samples)
            http: { url: "{{url}}/hang", timeout: 60s }
        """
    }

    /// `/quick` answers; anything else hangs.
    static let quickOrHang: @Sendable (FixtureRequest) -> FixtureBehavior = { request in
        request.path == "/quick" ? .respond(.text("ok")) : .hang
    }

    @Test(arguments: [(SIGINT, 130, "SIGINT"), (SIGTERM, 143, "SIGTERM")])
    func signalWritesInterruptedReportsAndExitsWithinASecond(signal: Int32, code: Int32, name: String) async throws {
        let workspace = try Workspace(["checks/slow.yml": Self.quickThenStuck(samples: 3)])
        defer { workspace.remove() }
        try await FixtureHTTPServer.withServer(answering: Self.quickOrHang) { server in
            // One probe at a time: when the first hanging probe reaches the fixture, the quick one has finished.
            let arguments = ["run", "checks", "--var", "url=\(server.baseURL)", "--concurrency", "1"]
            var signalled = ContinuousClock.now
            let result = try await Binary.run(arguments, directory: workspace.directory, timeout: .seconds(20)) { process in
                let waitingSince = ContinuousClock.now
                while server.requestCount < 2, process.isRunning, ContinuousClock.now - waitingSince < .seconds(20) {
                    try await Task.sleep(for: .milliseconds(20))
                }
                // Bounded: a binary that never gets this far must fail the test, not hang it.
                try #require(server.requestCount >= 2, "the run never reached its hanging probe")
                signalled = .now
                kill(process.processIdentifier, signal)
            }
            #expect(result.status == code, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            // The hanging probe is cancelled, not waited for: its 60 s timeout plays no part.
            #expect(result.exitedAt - signalled < .seconds(1))
            #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
            let verdict = try workspace.json("reports/verdict.json")
            #expect(verdict["interrupted"] as? Bool == true)
            #expect(verdict["decision"] as? String == "interrupted")
            #expect(verdict["interruption"] as? String == name)
            #expect(verdict["exit_code"] as? Int == Int(code))
            let checks = verdict["checks"] as? [[String: Any]] ?? []
            let statuses = checks.map { (($0["results"] as? [[String: Any]])?.first?["status"] as? String) ?? "" }
            #expect(statuses == ["pass", "not_run"])
        }
    }

    @Test func deadlineStopsARunThatWouldGoOnTooLong() async throws {
        let workspace = try Workspace(["checks/slow.yml": Self.quickThenStuck(samples: 5)])
        defer { workspace.remove() }
        try await FixtureHTTPServer.withServer(answering: Self.quickOrHang) { server in
            let started = ContinuousClock.now
            let result = try await Binary.run(["run", "checks", "--var", "url=\(server.baseURL)", "--concurrency", "2", "--deadline", "1500ms"],
                                              directory: workspace.directory, timeout: .seconds(30))
            #expect(result.status == 4, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            // The deadline bounds the run, not the probes' 60 s timeout (generous bound: start-up and reports).
            #expect(result.exitedAt - started < .seconds(6))
            #expect(result.stdout.contains("interrupted: the run's deadline of 1.50s passed after 1 of 6 probes"), "\(result.stdout)")
            #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
            let verdict = try workspace.json("reports/verdict.json")
            #expect(verdict["interruption"] as? String == "deadline")
            #expect(verdict["exit_code"] as? Int == 4)
        }
    }

    @Test(arguments: ["0s", "soon", "-5m"])
    func badDeadlinesAreUsageErrors(value: String) async throws {
        let result = try await Binary.run(["run", "--deadline", value])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--deadline"), "\(result.stderr)")
    }

    @Test func aSecondSIGINTEndsARunThatIsStuckAfterTheFirst() async throws {
        // 400 one-probe checks with 200-character names: the summary, a line per check, is far bigger than a
        // pipe's 64 KiB buffer, and nobody reads this run's stdout, so once its reports are written smokegate is
        // stuck printing, as behind a stalled CI log. The first SIGINT cannot finish that; the second must end the
        // process at once. (Few probes: the fixture shares its event loops with the other tests' probes.)
        let padding = String(repeating: "x", count: 200)
        let checks = (0..<400).map { "  - name: check-\($0)-\(padding)\n    http: GET {{url}}/\($0)\n" }.joined()
        let workspace = try Workspace(["checks/many.yml": "checks:\n" + checks])
        defer { workspace.remove() }
        try await FixtureHTTPServer.withServer(answering: { _ in .respond(.text("ok")) }) { server in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = ["run", "checks", "--var", "url=\(server.baseURL)", "--concurrency", "64", "--format", "json"]
            process.currentDirectoryURL = workspace.directory
            let unread = Pipe()
            process.standardOutput = unread
            process.standardError = FileHandle.nullDevice
            let exited = AsyncStream<(status: Int32, at: ContinuousClock.Instant)> { continuation in
                process.terminationHandler = { continuation.yield(($0.terminationStatus, .now)); continuation.finish() }
            }
            try process.run()
            defer { if process.isRunning { process.terminate() } }

            let verdict = workspace.path("reports/verdict.json")
            let waitingSince = ContinuousClock.now
            while !FileManager.default.fileExists(atPath: verdict), ContinuousClock.now - waitingSince < .seconds(60) {
                try await Task.sleep(for: .milliseconds(20))
            }
            try #require(FileManager.default.fileExists(atPath: verdict), "the run never wrote its reports")
            kill(process.processIdentifier, SIGINT)
            // Beyond the window in which a second SIGINT counts as the first delivered twice.
            try await Task.sleep(for: .milliseconds(300))
            #expect(process.isRunning, "the first SIGINT ended the run, so this test shows nothing")
            let signalled = ContinuousClock.now
            kill(process.processIdentifier, SIGINT)
            let exit = await exited.first { _ in true }
            #expect(exit?.status == 130)
            if let exit { #expect(exit.at - signalled < .seconds(1)) }
            try unread.fileHandleForReading.close()
        }
    }
}
