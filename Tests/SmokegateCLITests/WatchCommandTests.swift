import Foundation
@testable import SmokegateFixtures
import Testing

extension RunsAlone {
    /// `smokegate watch` as a user runs it: signals, checkpoints and a cutover, through the built binary.
    @Suite("smokegate watch, end to end")
    struct WatchCommandTests {
        static func waitFor(_ condition: () throws -> Bool, within limit: Duration = .seconds(20)) async throws {
            let deadline = ContinuousClock.now + limit
            while try !condition() {
                guard ContinuousClock.now < deadline else {
                    Issue.record("condition not met within \(limit)")
                    return
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }

        @Test func sigtermFinalisesValidReportsWithTheWindowsSoFar() async throws {
            let server = try await SwitchableHTTPServer.start(version: "v1")
            defer { Task { try? await server.shutdown() } }
            let workspace = try Workspace(["cutover.yml": server.cutoverSuite])
            defer { workspace.remove() }
            let arguments = ["watch", "cutover.yml", "--interval", "50ms", "--duration", "60s"]
            let result = try await Binary.run(arguments, directory: workspace.directory, timeout: .seconds(30)) { process in
                try await Self.waitFor { server.requestCount >= 5 }
                _ = try await server.outage(.failing, for: .milliseconds(400))
                let after = server.requestCount
                try await Self.waitFor { server.requestCount >= after + 5 }
                process.terminate()
            }
            #expect(result.status == 143, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            #expect(result.stdout.contains("cutover/health [public] DOWN status"))
            #expect(result.stdout.contains("cutover/health [public] up again after"))
            #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
            let verdict = try workspace.json("reports/verdict.json")
            #expect(verdict["decision"] as? String == "interrupted")
            #expect(verdict["interruption"] as? String == "SIGTERM")
            let watch = try #require(verdict["watch"] as? [String: Any])
            #expect(watch["ended_by"] as? String == "interrupted")
            #expect(watch["checkpoint"] as? Bool == false)
            let target = try #require((watch["targets"] as? [[String: Any]])?.first)
            #expect(target["window_count"] as? Int == 1)
            let window = try #require((target["windows"] as? [[String: Any]])?.first)
            let length = try #require(window["duration_ms"] as? Double)
            #expect(length > 250 && length < 700, "the server failed for 400 ms; measured \(length) ms at a 50 ms interval")
            #expect(try workspace.read("reports/junit.xml").contains("window "))
        }

        @Test func interruptingAWatchOfAHangingServiceReportsTheUnansweredProbes() async throws {
            let server = try await SwitchableHTTPServer.start(version: "v1")
            defer { Task { try? await server.shutdown() } }
            let workspace = try Workspace(["cutover.yml": server.cutoverSuite.replacingOccurrences(of: "timeout: 500ms", with: "timeout: 30s")])
            defer { workspace.remove() }
            let arguments = ["watch", "cutover.yml", "--interval", "50ms", "--duration", "60s"]
            let result = try await Binary.run(arguments, directory: workspace.directory, timeout: .seconds(30)) { process in
                try await Self.waitFor { server.requestCount >= 3 }
                try await server.setMode(.hanging)
                let hung = server.requestCount
                try await Self.waitFor { server.requestCount >= hung + 5 }
                process.interrupt()
            }
            #expect(result.status == 130, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
            let verdict = try workspace.json("reports/verdict.json")
            let target = try #require(((verdict["watch"] as? [String: Any])?["targets"] as? [[String: Any]])?.first)
            #expect(target["probes_cut_short"] as? Int ?? 0 >= 5)
            #expect(target["unanswered_since_ms"] as? Double != nil)
            #expect(result.stdout.contains("still unanswered when the watch was stopped"))
        }

        @Test func killNineLeavesTheLastCheckpointValid() async throws {
            let server = try await SwitchableHTTPServer.start(version: "v1")
            defer { Task { try? await server.shutdown() } }
            let workspace = try Workspace(["cutover.yml": server.cutoverSuite])
            defer { workspace.remove() }
            let arguments = ["watch", "cutover.yml", "--interval", "20ms", "--duration", "60s", "--checkpoint", "200ms"]
            let result = try await Binary.run(arguments, directory: workspace.directory, timeout: .seconds(30)) { process in
                // Two checkpoints with probes in them: the second overwrote the first while probes kept running.
                var seen = Set<String>()
                try await Self.waitFor {
                    guard let verdict = try? workspace.json("reports/verdict.json"), let id = (verdict["duration_seconds"] as? Double).map({ "\($0)" }),
                          (verdict["totals"] as? [String: Any])?["probes_completed"] as? Int ?? 0 > 0 else { return false }
                    seen.insert(id)
                    return seen.count >= 2
                }
                kill(process.processIdentifier, SIGKILL)
            }
            #expect(result.status == SIGKILL)
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
            #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
            let verdict = try workspace.json("reports/verdict.json")
            #expect(verdict["decision"] as? String == "running")
            // JUnit readers see a failure too: a checkpoint is not a pass.
            #expect(try workspace.read("reports/junit.xml").contains("<failure type=\"running\""))
            #expect(verdict["exit_code"] as? Int == 1)
            #expect((verdict["watch"] as? [String: Any])?["checkpoint"] as? Bool == true)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.path("reports")).filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty || leftovers.count <= 2, "at most the file being written when killed: \(leftovers)")
        }

        @Test func untilEndsTheWatchOnceTheNewVersionHeldAndReportsTheCutover() async throws {
            let server = try await SwitchableHTTPServer.start(version: "v1")
            defer { Task { try? await server.shutdown() } }
            let workspace = try Workspace(["cutover.yml": server.cutoverSuite + """
                watch:
                  gates: { downtime: 0s, cutover_window: "< 5s" }
                """])
            defer { workspace.remove() }
            let arguments = ["watch", "cutover.yml", "--interval", "50ms", "--duration", "60s", "--until", "version v2 for 500ms"]
            let result = try await Binary.run(arguments, directory: workspace.directory, timeout: .seconds(30)) { _ in
                try await Self.waitFor { server.requestCount >= 10 }
                server.setVersion("v2")
            }
            #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            #expect(result.stdout.contains("cutover/health [public] answers v2 (was v1)"))
            #expect(result.stdout.contains("cutover v1 → v2"))
            #expect(result.stdout.contains("VERDICT PASS"))
            #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
            let verdict = try workspace.json("reports/verdict.json")
            let watch = try #require(verdict["watch"] as? [String: Any])
            #expect(watch["ended_by"] as? String == "until")
            let target = try #require((watch["targets"] as? [[String: Any]])?.first)
            let cutover = try #require(target["cutover"] as? [String: Any])
            #expect(cutover["from"] as? String == "v1" && cutover["to"] as? String == "v2")
            #expect(cutover["flaps"] as? Int == 0)
            #expect((target["gates"] as? [[String: Any]])?.map { $0["passed"] as? Bool } == [true, true])
        }

        @Test func badWatchOptionsAreUsageErrors() async throws {
            for arguments in [["watch", "--until", "soon"], ["watch", "--interval", "fast"], ["watch", "--checkpoint", "1ms"]] {
                let result = try await Binary.run(arguments)
                #expect(result.status == 2, "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains("--"))
            }
        }
    }
}
