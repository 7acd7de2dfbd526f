import Foundation
import SmokegateFixtures
import SmokegateTestTools
import Synchronization
import Testing

extension RunsAlone {
    /// A serve process stopped with an incident open, and started again on the same state directory: it takes the
    /// incident up (no second trigger while the target stays down) and resolves it with the same dedup key.
    @Suite("smokegate serve: alert incidents across a restart")
    struct ServeIncidentRestartTests {
        @Test func aRestartedServeTakesUpTheOpenIncidentAndResolvesIt() async throws {
            let down = Mutex(true)
            let target = try await FixtureHTTPServer.start(answering: { _ in
                down.withLock { $0 } ? .respond(.text("down", status: 503)) : .respond(.text("ok"))
            })
            let bodies = Mutex<[Data]>([])
            let receiver = try await FixtureHTTPServer.start(answering: { request in
                bodies.withLock { $0.append(Data(request.body)) }
                return .respond(.text("ok"))
            })
            defer { Task { try? await target.shutdown(); try? await receiver.shutdown() } }
            let workspace = try Workspace(["checks/shop.yml": RunsAlone.ServeCommandTests.suite(every: "100ms", extra: """
                alerts:
                  failure_threshold: 2
                  success_threshold: 2
                  group_within: 0s
                  webhook: { url: "{{hook}}/hook" }
                """)])
            defer { workspace.remove() }
            let arguments = ["serve", "checks", "--var", "url=\(target.baseURL)", "--var", "hook=\(receiver.baseURL)", "--state-dir", "state",
                             "--history", "none"]
            let count = { bodies.withLock { $0.count } }

            let first = try await ServedBinary.start(arguments, directory: workspace.directory)
            #expect(await eventually { count() >= 1 }, "no failing message: \(first.process.stderr)")
            #expect(await first.terminate() == 0)
            let stored = workspace.directory.appendingPathComponent("state/incidents.json")
            #expect(FileManager.default.fileExists(atPath: stored.path), "the open incident is kept in the state directory")

            let second = try await ServedBinary.start(arguments, directory: workspace.directory)
            // The second process must see the target failing past the threshold before it recovers.
            #expect(try await eventually { (try await second.target("health", in: "blue")?["failed"] as? Int ?? 0) >= 5 })
            down.withLock { $0 = false }
            #expect(await eventually { count() >= 2 }, "no resolved message: \(second.process.stderr)")
            #expect(await second.terminate() == 0)

            let received = bodies.withLock { $0 }.map { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] ?? [:] }
            let kinds = received.map { $0["kind"] as? String ?? "?" }
            #expect(kinds == ["failing", "resolved"], "one trigger across both processes, then its resolve: \(received)")
            let keys = Set(received.compactMap { $0["dedup_key"] as? String })
            #expect(keys == ["smokegate/serve/blue"], "\(received)")
        }
    }
}
