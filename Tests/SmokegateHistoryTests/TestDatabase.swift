import Foundation
import SQLKit
@testable import SmokegateHistory
import Testing

/// A fresh, empty history location for one test: an SQLite file in its own temporary directory, or a schema of
/// its own in the PostgreSQL that `scripts/with-test-services` started (so tests running at once never meet).
///
/// PostgreSQL missing: with `SMOKEGATE_REQUIRE_SERVICES=1` (CI, `make test`) a recorded failure; otherwise the
/// reason is printed and `make` returns nil, so the test ends early, visibly.
struct TestDatabase: Sendable {
    enum Kind: String, Sendable, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    let kind: Kind
    let location: String
    /// SQLite: the directory holding the file; PostgreSQL: the schema.
    let scratch: String

    static func make(_ kind: Kind, sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestDatabase? {
        let name = "h_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch kind {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-history-\(name)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return TestDatabase(kind: kind, location: directory.appendingPathComponent("history.sqlite").path, scratch: directory.path)
        case .postgres:
            guard let server = postgresURL(sourceLocation: sourceLocation) else { return nil }
            let admin = try await HistoryStore.openWithoutMigrating(server)
            try await admin.execute("CREATE SCHEMA \(name)")
            await admin.close()
            let options = "-c search_path=\(name)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return TestDatabase(kind: kind, location: "\(server)&options=\(options)", scratch: String(name))
        }
    }

    /// The test server as a `postgres://` URL, from the variables scripts/with-test-services exports.
    static func postgresURL(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let environment = ProcessInfo.processInfo.environment
        let names = ["HOST", "PORT", "USER", "PASSWORD", "DATABASE"].map { "SMOKEGATE_POSTGRES_" + $0 }
        let values = names.compactMap { environment[$0].flatMap { $0.isEmpty ? nil : $0 } }
        guard values.count == names.count else {
            let reason = "PostgreSQL is not available (\(names.filter { environment[$0]?.isEmpty ?? true }.joined(separator: ", ")) unset): run the tests under scripts/with-test-services"
            if environment["SMOKEGATE_REQUIRE_SERVICES"] == "1" {
                Issue.record(Comment(rawValue: reason + " (SMOKEGATE_REQUIRE_SERVICES=1)"), sourceLocation: sourceLocation)
            } else {
                print("skipped: \(reason)")
            }
            return nil
        }
        let password = values[3].addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? values[3]
        return "postgres://\(values[2]):\(password)@\(values[0]):\(values[1])/\(values[4])?sslmode=disable"
    }

    /// Generous bounds (``HistoryStoreOptions/generousForTests``), and two connections per store.
    static let options: HistoryStoreOptions = {
        var options = HistoryStoreOptions.generousForTests
        options.maximumConnections = 2
        return options
    }()

    func open(options: HistoryStoreOptions = TestDatabase.options) async throws -> HistoryStore {
        try await HistoryStore.open(location, options: options)
    }

    /// Removes the file or the schema.
    func destroy() async {
        switch kind {
        case .sqlite:
            try? FileManager.default.removeItem(atPath: scratch)
        case .postgres:
            guard let server = Self.postgresURL(), let admin = try? await HistoryStore.openWithoutMigrating(server) else { return }
            try? await admin.execute("DROP SCHEMA \(scratch) CASCADE")
            await admin.close()
        }
    }
}

/// Runs `body` against a fresh database of `kind`, destroyed afterwards; does nothing when it is unavailable.
func withTestDatabase(
    _ kind: TestDatabase.Kind,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (TestDatabase) async throws -> Void
) async throws {
    guard let database = try await TestDatabase.make(kind, sourceLocation: sourceLocation) else { return }
    do {
        try await body(database)
    } catch {
        await database.destroy()
        throw error
    }
    await database.destroy()
}

extension HistoryStore {
    /// A store with no migrations run: the tests' way to set up and inspect a database behind the store's back.
    static func openWithoutMigrating(_ location: String) async throws -> HistoryStore {
        try await open(HistoryLocation(parsing: location), options: TestDatabase.options, migrations: nil)
    }

    /// Runs plain SQL outside any transaction.
    func execute(_ sql: String) async throws {
        try await unmanaged("run test SQL") { database, _ in
            try await database.raw(SQLQueryString(sql)).run()
        }
    }

    /// The first column of every row of `sql`, decoded as `T`.
    func values<T: Decodable & Sendable>(_ sql: String, as type: T.Type) async throws -> [T] {
        try await unmanaged("run test SQL") { database, _ in
            try await database.raw(SQLQueryString(sql)).all().map { row in
                guard let column = row.allColumns.first else { throw HistoryError(reason: .internal, message: "no column") }
                return try row.decode(column: column, as: T.self)
            }
        }
    }

    /// `SELECT count(*)` of a table.
    func count(_ table: String, where condition: String = "1 = 1") async throws -> Int {
        try await values("SELECT count(*) FROM \(table) WHERE \(condition)", as: Int.self).first ?? -1
    }
}

/// The helper executable built beside the test bundle.
enum HistoryTool {
    static var path: String {
        if let path = ProcessInfo.processInfo.environment["SMOKEGATE_HISTORY_TOOL"] { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("smokegate-history-tool").path
    }

    /// Runs the tool with `arguments` to its end (off the shared threads): its exit status and standard output.
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await offThread {
            let child = try start(arguments)
            let output = child.readAllOutput()
            return (child.wait().status, output)
        }
    }

    /// Starts the tool with `arguments`, standard output to a pipe. Blocking: call it from ``offThread(_:)``.
    static func start(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess.spawn(path, arguments, captureOutput: true)
    }
}
