import Foundation
@testable import SmokegateHistory
import Testing

@Suite struct HistoryLocationTests {
    @Test(arguments: ["history.sqlite", "/var/lib/smokegate/history.db", "./a b/ç.sqlite", "C-drive:thing.db"])
    func aPathIsSQLite(text: String) throws {
        #expect(try HistoryLocation(parsing: text) == .sqlite(path: text))
    }

    @Test func aPostgresURLGivesEveryPart() throws {
        let location = try HistoryLocation(parsing: "postgres://ci%40corp:s%3Acret@db.internal:6432/history?sslmode=require&connect_timeout=3&options=-c%20search_path%3Dh")
        guard case .postgres(let settings) = location else {
            Issue.record("not PostgreSQL: \(location)")
            return
        }
        #expect(settings == HistoryLocation.PostgresSettings(
            host: "db.internal", port: 6432, user: "ci@corp", password: "s:cret", database: "history",
            tls: .require, connectTimeoutSeconds: 3, options: "-c search_path=h"
        ))
    }

    @Test func defaultsFollowLibpq() throws {
        guard case .postgres(let settings) = try HistoryLocation(parsing: "postgresql://smokegate@[::1]/runs") else {
            Issue.record("not PostgreSQL")
            return
        }
        #expect(settings.host == "::1")
        #expect(settings.port == 5432)
        #expect(settings.password == nil)
        #expect(settings.tls == .prefer)
        #expect(settings.connectTimeoutSeconds == 10)
    }

    @Test(arguments: [
        ("", "empty"),
        ("   ", "empty"),
        ("mysql://u:topsecret@h/db", "unsupported history location scheme \"mysql\""),
        ("https://example.com/history", "unsupported history location scheme \"https\""),
        ("postgres:topsecret@h/db", "is not a URL: write postgres://USER@HOST/DATABASE"),
        ("postgres://h/db", "names no user"),
        ("postgres://u:topsecret@h", "names no database"),
        ("postgres://u:topsecret@/db", "names no host"),
        ("postgres://u:topsecret@h/db?sslmode=maybe", "sslmode \"maybe\" is not one of disable, prefer, require, verify-full"),
        ("postgres://u:topsecret@h/db?connect_timeout=0", "connect_timeout \"0\""),
        ("postgres://u:topsecret@h/db?application_name=x", "unknown parameter \"application_name\""),
    ])
    func badLocationsAreRefusedClearlyWithoutThePassword(text: String, expected: String) {
        do {
            let location = try HistoryLocation(parsing: text)
            Issue.record("accepted \(text) as \(location)")
        } catch let error as HistoryError {
            #expect(error.reason == .invalidLocation)
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(!error.message.contains("topsecret"), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func theDescriptionHidesThePassword() throws {
        let location = try HistoryLocation(parsing: "postgres://ci:topsecret@db:5433/h?sslmode=disable")
        #expect(location.description == "postgres://ci:***@db:5433/h?sslmode=disable")
        guard case .postgres(let settings) = location else { return }
        #expect(!String(describing: settings).contains("topsecret"))
        #expect(!String(reflecting: location).contains("topsecret"))
        #expect(HistoryLocation.redacting("postgres://ci:topsecret@db/h") == "postgres://ci:***@db/h")
        #expect(HistoryLocation.redacting("postgres://ci@db/h") == "postgres://ci@db/h")
    }

    @Test func anUnreachableServerIsReportedWithoutThePassword() async throws {
        // A port that nothing listens on: bound a moment ago by the kernel's choice, then released.
        let port = try closedLoopbackPort()
        let started = ContinuousClock.now
        do {
            let store = try await HistoryStore.open(
                "postgres://ci:topsecret@127.0.0.1:\(port)/h?sslmode=disable&connect_timeout=2",
                options: HistoryStoreOptions(operationTimeout: .seconds(3))
            )
            await store.close()
            Issue.record("opened a database nobody serves")
        } catch let error as HistoryError {
            #expect(error.reason == .unreachable, "\(error)")
            #expect(error.isRetryable)
            #expect(!error.message.contains("topsecret"))
            #expect(error.message.contains("127.0.0.1:\(port)"))
        }
        // Bounded by the connect timeout plus the operation timeout (5 s), with room for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}

/// A loopback TCP port that was free a moment ago.
func closedLoopbackPort() throws -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
    }
    guard bound else { throw HistoryError(reason: .internal, message: "could not bind a loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
}
