import Foundation
import Testing

/// The real PostgreSQL and Redis that `make test` starts (scripts/with-test-services) and describes in variables.
struct TestServers {
    let environment: [String: String]

    /// nil when the servers are not configured: a failure under SMOKEGATE_REQUIRE_SERVICES=1, else a printed skip.
    static func required(_ names: [String]) -> TestServers? {
        let environment = ProcessInfo.processInfo.environment
        let missing = names.filter { environment[$0] == nil }
        guard missing.isEmpty else {
            let why = "test servers not configured (\(missing.joined(separator: ", ")) unset): run through `make test`"
            if environment["SMOKEGATE_REQUIRE_SERVICES"] == "1" {
                Issue.record(Comment(rawValue: why))
            } else {
                print("skipping: \(why)")
            }
            return nil
        }
        return TestServers(environment: environment)
    }

    subscript(name: String) -> String { environment[name] ?? "" }
}

@Suite("PostgreSQL and Redis checks, end to end")
struct DatabaseCheckTests {
    static let postgres = ["SMOKEGATE_POSTGRES_HOST", "SMOKEGATE_POSTGRES_PORT", "SMOKEGATE_POSTGRES_USER", "SMOKEGATE_POSTGRES_PASSWORD", "SMOKEGATE_POSTGRES_DATABASE"]
    static let redis = ["SMOKEGATE_REDIS_HOST", "SMOKEGATE_REDIS_PORT", "SMOKEGATE_REDIS_PASSWORD"]

    @Test func databaseChecksPassAndFailWithReasonsAndNoPasswordInAnyOutput() async throws {
        guard let servers = TestServers.required(Self.postgres + Self.redis) else { return }
        let suite = """
            checks:
              - name: orders db
                samples: 3
                postgres:
                  host: "${env:SMOKEGATE_POSTGRES_HOST}"
                  port: \(servers["SMOKEGATE_POSTGRES_PORT"])
                  database: "${env:SMOKEGATE_POSTGRES_DATABASE}"
                  user: "${env:SMOKEGATE_POSTGRES_USER}"
                  password: "${env:SMOKEGATE_POSTGRES_PASSWORD}"
                  tls: disable
                  query: SELECT 41 + 1 AS answer
                expect:
                  rows: 1
                  row: { answer: "42" }
              - name: wrong password
                postgres:
                  host: "${env:SMOKEGATE_POSTGRES_HOST}"
                  port: \(servers["SMOKEGATE_POSTGRES_PORT"])
                  database: "${env:SMOKEGATE_POSTGRES_DATABASE}"
                  user: "${env:SMOKEGATE_POSTGRES_USER}"
                  password: "${env:WRONG_PASSWORD}"
                  tls: disable
              - name: cache
                redis:
                  host: "${env:SMOKEGATE_REDIS_HOST}"
                  port: \(servers["SMOKEGATE_REDIS_PORT"])
                  password: "${env:SMOKEGATE_REDIS_PASSWORD}"
              - name: replication role
                redis:
                  host: "${env:SMOKEGATE_REDIS_HOST}"
                  port: \(servers["SMOKEGATE_REDIS_PORT"])
                  password: "${env:SMOKEGATE_REDIS_PASSWORD}"
                  command: INFO replication
                expect:
                  reply: { contains: "role:master" }
              - name: no auth
                redis:
                  host: "${env:SMOKEGATE_REDIS_HOST}"
                  port: \(servers["SMOKEGATE_REDIS_PORT"])
            """
        let workspace = try Workspace(["checks/db.yml": suite])
        defer { workspace.remove() }
        let wrongPassword = "wr0ng-\(UUID().uuidString.prefix(8))"
        let result = try await Binary.run(["run", "checks"], environment: ["WRONG_PASSWORD": wrongPassword], directory: workspace.directory)
        #expect(result.status == 1, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        let verdict = try workspace.json("reports/verdict.json")
        let checks = verdict["checks"] as? [[String: Any]] ?? []
        func outcome(_ name: String) -> [String: Any] {
            (checks.first { $0["name"] as? String == name }?["results"] as? [[String: Any]])?.first ?? [:]
        }
        #expect(outcome("orders db")["status"] as? String == "pass", "\(outcome("orders db"))")
        #expect((outcome("orders db")["phases"] as? [String: Any])?.keys.sorted() == ["connect", "query"])
        let wrong = (outcome("wrong password")["failures"] as? [[String: Any]])?.first ?? [:]
        #expect(wrong["reason"] as? String == "auth")
        #expect((wrong["message"] as? String)?.contains("28P01") == true, "\(wrong)")
        #expect(outcome("cache")["status"] as? String == "pass", "\(outcome("cache"))")
        #expect(outcome("replication role")["status"] as? String == "pass", "\(outcome("replication role"))")
        #expect(((outcome("no auth")["failures"] as? [[String: Any]])?.first?["reason"] as? String) == "auth")
        #expect(try await Binary.junitSchemaProblems(workspace.path("reports/junit.xml")) == "")
        #expect(try await Binary.verdictSchemaProblems(workspace.path("reports/verdict.json")) == "")
        // Passwords never reach any output.
        for secret in [servers["SMOKEGATE_POSTGRES_PASSWORD"], servers["SMOKEGATE_REDIS_PASSWORD"], wrongPassword] {
            for output in [result.stdout, result.stderr, try workspace.read("reports/junit.xml"), try workspace.read("reports/verdict.json")] {
                #expect(!output.contains(secret), "a password leaked")
            }
        }
    }
}
