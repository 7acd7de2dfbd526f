import Foundation
@testable import SmokegateFixtures
@testable import SmokegateHistory
import Testing

/// A history that cannot be written never changes what a run decides or how it exits: one warning line, the same
/// verdict. And what is written holds no secret.
@Suite struct HistoryUnavailableEndToEndTests {
    static func suite(_ server: SwitchableHTTPServer, status: Int) -> String {
        """
        suite: shop
        environments:
          green: { base_url: "\(server.baseURL)" }
        checks:
          - name: health
            http: { url: /health, headers: { Authorization: "Bearer ${env:SHOP_TOKEN}" } }
            samples: 5
            expect: { status: \(status) }

        """
    }

    static let token = "s3cr3t-token-8d1f"

    @Test(arguments: [(200, Int32(0)), (201, Int32(1))])
    func aDeadDatabaseLeavesTheExitCodeAndTheReports(expectedStatus: Int, exitCode: Int32) async throws {
        let server = try await SwitchableHTTPServer.start(version: "v1")
        defer { Task { try? await server.shutdown() } }
        let directory = try SmokegateBinary.workspace(["shop.yml": Self.suite(server, status: expectedStatus)])
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ["SHOP_TOKEN": Self.token]
        let without = try await SmokegateBinary.run(["run", "shop.yml", "--out", "plain"], in: directory, environment: environment)
        // Port 1 on the loopback: nothing listens, the connection is refused at once.
        let dead = "postgres://smokegate:\(Self.token)@127.0.0.1:1/history?sslmode=disable&connect_timeout=3"
        let with = try await SmokegateBinary.run(["run", "shop.yml", "--out", "recorded", "--history", dead, "--label", "team=shop"],
                                                 in: directory, environment: environment)
        #expect(without.status == exitCode, "stderr: \(without.stderr)")
        #expect(with.status == exitCode, "stderr: \(with.stderr)")
        let warnings = with.stderr.split(separator: "\n").filter { $0.contains("history") }
        #expect(warnings.count == 1, "one warning line expected: \(with.stderr)")
        #expect(warnings.first?.contains("the verdict stands") == true)
        #expect(with.stderr.split(separator: "\n").count == without.stderr.split(separator: "\n").count + 1)
        #expect(!with.stderr.contains(Self.token) && !with.stdout.contains(Self.token))
        for verdict in ["plain", "recorded"] {
            let data = try Data(contentsOf: directory.appendingPathComponent("\(verdict)/verdict.json"))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(json["decision"] as? String == (exitCode == 0 ? "pass" : "fail"))
            #expect(json["exit_code"] as? Int == Int(exitCode))
        }
    }

    @Test func aRecordedRunHoldsNoSecretAndItsFigures() async throws {
        let server = try await SwitchableHTTPServer.start(version: "v1")
        defer { Task { try? await server.shutdown() } }
        let directory = try SmokegateBinary.workspace(["shop.yml": Self.suite(server, status: 201)])
        defer { try? FileManager.default.removeItem(at: directory) }
        let history = directory.appendingPathComponent("history.sqlite").path
        let result = try await SmokegateBinary.run(
            ["run", "shop.yml", "--history", history, "--label", "note=called with \(Self.token)", "--label", "team=shop"],
            in: directory, environment: ["SHOP_TOKEN": Self.token, "CI_COMMIT_SHA": "feedbeef", "CI_PIPELINE_ID": "77"])
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty, "no warning expected: \(result.stderr)")
        let store = try await HistoryStore.open(history)
        let records = try await store.exportRecords()
        await store.close()
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record.kind == .run && record.decision == "fail" && record.exitCode == 1)
        #expect(record.labels == ["note": "called with ***", "team": "shop", "commit": "feedbeef", "pipeline": "77"])
        #expect(record.suites == ["shop"] && record.environments == ["green"])
        let result0 = try #require(record.results.first)
        #expect(result0.check == "health" && result0.environment == "green")
        #expect(result0.samples == 5 && result0.failed == 5)
        #expect(result0.failuresByReason == ["status": 5])
        // Every answered sample's latency is in the mergeable histogram, and its median agrees with the report's.
        #expect(result0.latency.totalCount == 5)
        let median = try #require(result0.latency.millisecondsAtPercentile(50))
        let reported = try #require(result0.p50Ms)
        #expect(abs(median - reported) <= max(reported / 64, 0.01), "histogram p50 \(median) ms, report p50 \(reported) ms")
        // The raw file, WAL included, never holds the token.
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasPrefix("history.sqlite") {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
            #expect(bytes.range(of: Data(Self.token.utf8)) == nil, "\(file) holds the token")
        }
        let exported = try await SmokegateBinary.run(["history", "export", "--format", "csv", "--history", history], in: directory)
        #expect(exported.status == 0)
        #expect(exported.stdout.contains("health,green,5,5,status=5"), "\(exported.stdout)")
    }
}
