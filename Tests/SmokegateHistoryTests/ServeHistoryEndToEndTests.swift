import Foundation
@testable import SmokegateFixtures
@testable import SmokegateHistory
import SmokegateTestTools
import Testing

extension RunsAlone {
    /// `smokegate serve` keeps its history by default in its state directory: hourly rollups and downtime windows,
    /// written through a buffer so a dead database never stops probing.
    @Suite struct ServeHistoryEndToEndTests {
        static func suite(_ server: SwitchableHTTPServer) -> String {
            """
            suite: svc
            environments:
              public: { base_url: "\(server.baseURL)" }
            checks:
              - name: health
                every: 100ms
                http: { url: /health, timeout: 500ms }
                expect: { status: 200 }

            """
        }

        /// Starts serve in `directory`, waits until it listens and probed `server` ten times, runs `during`, stops it
        /// with SIGTERM and returns its exit status and standard error.
        static func serve(_ arguments: [String], in directory: URL, server: SwitchableHTTPServer,
                          during: () async throws -> Void = {}) async throws -> (status: Int32?, stderr: String) {
            let process = try BackgroundProcess(SmokegateBinary.path, ["serve", "svc.yml", "--listen", "127.0.0.1:0"] + arguments,
                                                environment: ["NO_COLOR": "1"], directory: directory)
            let listening = await process.line(matching: { $0.contains("listening on") }, within: .seconds(60))
            #expect(listening != nil, "serve did not start: \(process.stderr)")
            let start = server.requestCount
            try await SmokegateBinary.waitFor { server.requestCount >= start + 10 }
            try await during()
            process.send(SIGTERM)
            let status = await process.waitForExit(within: .seconds(60))
            if status == nil { await process.end() }
            return (status, process.stderr)
        }

        @Test func serveRecordsRollupsAndWindowsInItsStateDirectory() async throws {
            let server = try await SwitchableHTTPServer.start(version: "v1")
            defer { Task { try? await server.shutdown() } }
            let directory = try SmokegateBinary.workspace(["svc.yml": Self.suite(server)])
            defer { try? FileManager.default.removeItem(at: directory) }
            var outage = Duration.zero
            let startedAt = Date()
            let (status, stderr) = try await Self.serve(["--state-dir", "state", "--history-interval", "200ms"], in: directory, server: server) {
                let window = try await server.outage(.failing, for: .milliseconds(400))
                outage = window.end - window.start
                let after = server.requestCount
                try await SmokegateBinary.waitFor { server.requestCount >= after + 10 }
            }
            #expect(status == 0, "stderr: \(stderr)")
            let path = directory.appendingPathComponent("state/history.sqlite").path
            #expect(FileManager.default.fileExists(atPath: path))
            let store = try await HistoryStore.open(path)
            let slo = try await store.sloReport(objective: 0.999, since: startedAt.addingTimeInterval(-3600))
            let target = try #require(slo.targets.first)
            #expect(slo.targets.map(\.target) == ["health@public"])
            #expect(target.downtimeSeconds > 0.2 && target.downtimeSeconds < 1.0, "the server failed for \(outage); recorded \(target.downtimeSeconds) s")
            #expect(target.observedSeconds > 0.5 && target.observedSeconds <= Date().timeIntervalSince(startedAt))
            #expect(target.probes >= 20 && target.failedProbes >= 1)
            let windows = try await store.values("SELECT duration_seconds FROM smokegate_windows WHERE ended_at IS NOT NULL", as: Double.self)
            #expect(windows.count == 1)
            #expect(windows.allSatisfy { $0 > 0.2 && $0 < 1.0 }, "\(windows)")
            await store.close()
        }

        @Test func historyNoneKeepsNothing() async throws {
            let server = try await SwitchableHTTPServer.start(version: "v1")
            defer { Task { try? await server.shutdown() } }
            let directory = try SmokegateBinary.workspace(["svc.yml": Self.suite(server)])
            defer { try? FileManager.default.removeItem(at: directory) }
            let (status, stderr) = try await Self.serve(["--state-dir", "state", "--history", "none"], in: directory, server: server)
            #expect(status == 0, "stderr: \(stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("state").path))
        }

        @Test func aDeadHistoryNeverStopsProbing() async throws {
            let server = try await SwitchableHTTPServer.start(version: "v1")
            defer { Task { try? await server.shutdown() } }
            let directory = try SmokegateBinary.workspace(["svc.yml": Self.suite(server)])
            defer { try? FileManager.default.removeItem(at: directory) }
            let dead = "postgres://smokegate:hunter2-secret@127.0.0.1:1/history?sslmode=disable&connect_timeout=1"
            let (status, stderr) = try await Self.serve(["--history", dead, "--history-interval", "200ms"], in: directory, server: server) {
                // Probing goes on while the history cannot be opened.
                let before = server.requestCount
                try await SmokegateBinary.waitFor { server.requestCount >= before + 20 }
            }
            #expect(status == 0, "stderr: \(stderr)")
            #expect(stderr.contains("history: cannot open"))
            #expect(!stderr.contains("hunter2-secret"))
        }
    }
}
