@testable import SmokegateConfig
@testable import SmokegateModel
import SmokegateTestSupport
import Testing

@Suite("TCP, PostgreSQL and Redis check configs")
struct SocketCheckConfigTests {
    @Test func tcpChecksReadAddressTLSSendAndExpect() async throws {
        let suite = try await TemporarySuite.load("""
            checks:
              - name: smtp banner
                tcp:
                  address: mail.internal:25
                  expect: "^220 "
                  read_timeout: 2s
              - name: tls port
                tcp:
                  host: shop.example.com
                  port: 443
                  tls: true
                  server_name: shop.example.com
                expect:
                  cert_expires_in: "> 14d"
                  cert_san: shop.example.com
            """)
        guard case .tcp(let smtp)? = suite.checks[0].definitions.values.first?.probe,
              case .tcp(let tls)? = suite.checks[1].definitions.values.first?.probe else {
            Issue.record("expected tcp probes")
            return
        }
        #expect(smtp.host == "mail.internal" && smtp.port == 25 && smtp.tls == nil)
        #expect(smtp.expect?("220 mail ESMTP") == true)
        #expect(smtp.expect?("550 go away") == false)
        #expect(smtp.readTimeout == .seconds(2))
        #expect(tls.tls?.serverName == "shop.example.com" && tls.tls?.insecure == false)
        let kinds = suite.checks[1].definitions.values.first?.expectations.map(\.reason.rawValue)
        #expect(kinds == ["certificate_expiry", "certificate"])
    }

    @Test func postgresReadsFieldsOrADSNAndKeepsThePasswordSecret() async throws {
        let suite = try await TemporarySuite.load("""
            checks:
              - name: orders db
                postgres:
                  dsn: "postgres://probe:${env:PG_PASSWORD}@db.internal:6432/orders?sslmode=require"
                  query: SELECT count(*) AS n FROM orders
                expect:
                  rows: 1
                  row: { n: { gt: 0 } }
                  max_query_time: 50ms
            """, options: LoadOptions(processEnvironment: ["PG_PASSWORD": "pa55-w0rd"]))
        guard case .postgres(let spec)? = suite.checks[0].definitions.values.first?.probe else {
            Issue.record("expected a postgres probe")
            return
        }
        #expect(spec.host == "db.internal" && spec.port == 6432 && spec.database == "orders" && spec.user == "probe")
        #expect(spec.password == "pa55-w0rd")
        #expect(spec.tls == .require)
        #expect(suite.redactor.secrets == ["pa55-w0rd"])
        #expect(suite.checks[0].definitions.values.first?.probe.target == "postgres://probe@db.internal:6432/orders")
    }

    @Test func redisPingDefaultsToExpectingPong() async throws {
        let suite = try await TemporarySuite.load("""
            checks:
              - name: cache
                redis: { address: "cache.internal:6380", password: hunter2 }
              - name: replication
                redis: { host: cache.internal, command: INFO replication }
                expect:
                  reply: { contains: "role:master" }
            """)
        guard case .redis(let ping)? = suite.checks[0].definitions.values.first?.probe,
              case .redis(let info)? = suite.checks[1].definitions.values.first?.probe else {
            Issue.record("expected redis probes")
            return
        }
        #expect(ping.port == 6380 && ping.command == ["PING"])
        #expect(info.port == 6379 && info.command == ["INFO", "replication"])
        #expect(suite.checks[0].definitions.values.first?.expectations.map(\.reason.rawValue) == ["reply"])
    }

    @Test func keysOfOtherKindsAndMissingPiecesAreLocated() async {
        let errors = await TemporarySuite.errors("""
            checks:
              - name: a
                tcp: { address: "db:5432" }
                expect:
                  status: 200
              - name: b
                postgres: { host: db }
              - name: c
                redis: { address: "cache:notaport" }
              - name: d
                http: GET http://x/
                tcp: { address: "x:1" }
            """)
        #expect(errors.contains { $0.hasPrefix("5:7: 'status' does not apply to tcp checks (it is for http checks)") })
        #expect(errors.contains { $0.hasPrefix("7:15: postgres needs 'database:'") })
        #expect(errors.contains { $0.hasPrefix("9:24: redis address must be host:port") })
        #expect(errors.contains { $0.hasPrefix("10:11: check 'd' has http and tcp: give exactly one probe per check") })
    }
}
