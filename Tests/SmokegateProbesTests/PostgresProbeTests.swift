import SmokegateFixtures
@testable import SmokegateProbes
import Testing

extension RunsAlone {
    /// Against the real PostgreSQL `scripts/with-test-services` starts, plus loopback fixtures for broken servers.
    @Suite struct PostgresProbeTests {
        private func request(_ postgres: TestServices.Postgres, query: String = "SELECT 1") -> PostgresProbeRequest {
            PostgresProbeRequest(
                host: postgres.host,
                port: postgres.port,
                database: postgres.database,
                user: postgres.user,
                password: postgres.password,
                query: query
            )
        }

        /// The probe's failure, or nil (recorded as an issue) when it unexpectedly succeeded.
        private func probeFailure(
            of request: PostgresProbeRequest,
            sourceLocation: SourceLocation = #_sourceLocation
        ) async -> ProbeFailure? {
            do {
                let result = try await PostgresProbe.run(request)
                Issue.record("expected a failure, got \(result.rows)", sourceLocation: sourceLocation)
            } catch let failure as ProbeFailure {
                return failure
            } catch {
                Issue.record("expected a ProbeFailure, got \(error)", sourceLocation: sourceLocation)
            }
            return nil
        }

        @Test func selectOnePasses() async throws {
            guard let postgres = TestServices.postgres() else { return }
            let result = try await PostgresProbe.run(request(postgres))
            #expect(result.columns == ["?column?"])
            #expect(result.rows == [["1"]])
            #expect(result.rowCount == 1)
            #expect(result.connectMicroseconds > 0)
            #expect(result.queryMicroseconds > 0)
            #expect(result.totalMicroseconds >= result.connectMicroseconds + result.queryMicroseconds)
            #expect(result.peer == "127.0.0.1:\(postgres.port)")
        }

        @Test func tableQueryReturnsColumnsRowsAndCount() async throws {
            guard let postgres = TestServices.postgres() else { return }
            let result = try await PostgresProbe.run(request(
                postgres, query: "SELECT id, name, price, in_stock, added_at FROM probe_items ORDER BY id"
            ))
            #expect(result.columns == ["id", "name", "price", "in_stock", "added_at"])
            #expect(result.rowCount == 3)
            #expect(result.rows == [
                ["1", "espresso", "2.50", "t", "2024-01-02 03:04:05+00"],
                ["2", "flat white", "3.80", "t", "2024-02-03 04:05:06.5+00"],
                ["3", "seasonal blend", nil, "f", "2024-03-04 05:06:07+00"],
            ])
        }

        @Test func maxRowsLimitsKeptRowsButNotTheCount() async throws {
            guard let postgres = TestServices.postgres() else { return }
            var request = request(postgres, query: "SELECT g FROM generate_series(1, 1000) AS g")
            request.maxRows = 2
            let result = try await PostgresProbe.run(request)
            #expect(result.rows == [["1"], ["2"]])
            #expect(result.rowCount == 1000)
        }

        @Test func emptyResultStillNamesItsColumns() async throws {
            guard let postgres = TestServices.postgres() else { return }
            let result = try await PostgresProbe.run(request(postgres, query: "SELECT id, name FROM probe_items WHERE false"))
            #expect(result.columns == ["id", "name"])
            #expect(result.rows.isEmpty)
            #expect(result.rowCount == 0)
        }

        @Test func wrongPasswordIsAuthWithSQLStateAndNoPassword() async throws {
            guard let postgres = TestServices.postgres() else { return }
            var request = request(postgres)
            request.password = "wrong-\(UInt32.random(in: 0...UInt32.max))"
            let failure = try #require(await probeFailure(of: request))
            #expect(failure.reason == .authentication)
            #expect(failure.message.contains("SQLSTATE 28P01"), "\(failure.message)")
            #expect(failure.message.contains("password authentication failed for user \"\(postgres.user)\""))
            #expect(!failure.message.contains(request.password ?? "?"))
            #expect(failure.elapsedMicroseconds != nil)
        }

        @Test func missingPasswordIsAuth() async throws {
            guard let postgres = TestServices.postgres() else { return }
            var request = request(postgres)
            request.password = nil
            let failure = try #require(await probeFailure(of: request))
            #expect(failure.reason == .authentication)
        }

        @Test func unknownDatabaseIsNamedSo() async throws {
            guard let postgres = TestServices.postgres() else { return }
            var request = request(postgres)
            request.database = "no_such_database"
            let failure = try #require(await probeFailure(of: request))
            #expect(failure.reason == .unknownDatabase)
            #expect(failure.message.contains("SQLSTATE 3D000"), "\(failure.message)")
            #expect(failure.message.contains("no_such_database"))
        }

        @Test func syntaxErrorIsAQueryError() async throws {
            guard let postgres = TestServices.postgres() else { return }
            let failure = try #require(await probeFailure(of: request(postgres, query: "SELEC 1")))
            #expect(failure.reason == .queryError)
            #expect(failure.message.contains("SQLSTATE 42601"), "\(failure.message)")
            #expect(failure.message.contains("syntax error"))
        }

        @Test func passwordInAServerMessageIsScrubbed() async throws {
            guard let postgres = TestServices.postgres() else { return }
            // The server quotes invalid input back in its message.
            let failure = try #require(await probeFailure(of: request(postgres, query: "SELECT '\(postgres.password)'::integer")))
            #expect(failure.reason == .queryError)
            #expect(failure.message.contains("SQLSTATE 22P02"), "\(failure.message)")
            #expect(!failure.message.contains(postgres.password))
        }

        @Test func tlsRequiredAgainstAPlainServerFails() async throws {
            guard let postgres = TestServices.postgres() else { return }
            var request = request(postgres)
            request.tls = .require
            let failure = try #require(await probeFailure(of: request))
            #expect(failure.reason == .tlsHandshake)
            #expect(failure.message.contains("TLS"))
        }

        @Test(arguments: [PostgresTLSMode.prefer, .disable])
        func tlsPreferredOrDisabledWorksWithAPlainServer(mode: PostgresTLSMode) async throws {
            guard let postgres = TestServices.postgres() else { return }
            var request = request(postgres)
            request.tls = mode
            #expect(try await PostgresProbe.run(request).rows == [["1"]])
        }

        @Test func closedPortIsConnectionRefused() async throws {
            let port = try await TestServices.closedPort()
            let failure = try #require(await probeFailure(of: PostgresProbeRequest(
                host: "127.0.0.1", port: port, database: "db", user: "user", password: "secret"
            )))
            #expect(failure.reason == .connectionRefused)
        }

        @Test func silentServerRunsIntoTheTimeout() async throws {
            let server = try await FixtureTCPServer.start(greeting: nil) { _ in nil }
            let started = ContinuousClock.now
            let failure = try #require(await probeFailure(of: PostgresProbeRequest(
                host: "127.0.0.1", port: server.port, database: "db", user: "user", timeout: .milliseconds(300)
            )))
            #expect(failure.reason == .timeout)
            #expect(ContinuousClock.now - started < .seconds(3))
            try await server.shutdown()
        }

        @Test func cancellationEndsTheProbePromptly() async throws {
            let server = try await FixtureTCPServer.start(greeting: nil) { _ in nil }
            let probe = Task {
                try await PostgresProbe.run(PostgresProbeRequest(
                    host: "127.0.0.1", port: server.port, database: "db", user: "user", timeout: .seconds(60)
                ))
            }
            try await Task.sleep(for: .milliseconds(200))
            let cancelled = ContinuousClock.now
            probe.cancel()
            await #expect(throws: CancellationError.self) { try await probe.value }
            #expect(ContinuousClock.now - cancelled < .seconds(5))
            try await server.shutdown()
        }

        @Test func slowQueryRunsIntoTheTimeout() async throws {
            guard let postgres = TestServices.postgres() else { return }
            var request = request(postgres, query: "SELECT pg_sleep(5)")
            request.timeout = .milliseconds(500)
            let failure = try #require(await probeFailure(of: request))
            #expect(failure.reason == .timeout)
        }
    }
}
