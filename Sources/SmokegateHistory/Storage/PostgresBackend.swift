import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PostgresKit

/// A PostgreSQL server through a small pool (postgres-nio's `PostgresClient`).
///
/// Each write is one transaction on one pooled connection. Every operation is bounded by the connect timeout
/// plus `operationTimeout`, so a server that is down or hangs costs a writer at most that before it gets an
/// ``HistoryError/Reason/unreachable`` error it can queue and retry.
final class PostgresBackend: HistoryBackend {
    let flavor = SQLFlavor.postgres
    let locationDescription: String
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let deadline: Duration

    init(settings: HistoryLocation.PostgresSettings, description: String, operationTimeout: Duration, maximumConnections: Int) {
        let tls: PostgresClient.Configuration.TLS = switch settings.tls {
        case .disable: .disable
        case .prefer: .prefer(Self.unverifiedTLS())
        case .require: .require(Self.unverifiedTLS())
        case .verifyFull: .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: settings.host,
            port: settings.port,
            username: settings.user,
            password: settings.password,
            database: settings.database,
            tls: tls
        )
        configuration.options.connectTimeout = .seconds(settings.connectTimeoutSeconds)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 0
        if let options = settings.options {
            configuration.options.additionalStartupParameters = [("options", options)]
        }
        var logger = Logger(label: "smokegate.history.postgres")
        logger.logLevel = .critical
        let client = PostgresClient(configuration: configuration, eventLoopGroup: MultiThreadedEventLoopGroup.singleton, backgroundLogger: logger)
        self.client = client
        self.runTask = Task { await client.run() }
        self.locationDescription = description
        self.deadline = .seconds(settings.connectTimeoutSeconds) + operationTimeout
    }

    deinit {
        // A store dropped without close(): stop the pool's run loop, which closes its connections.
        runTask.cancel()
    }

    /// libpq's `prefer` and `require` encrypt without checking the certificate; `verify-full` checks it.
    private static func unverifiedTLS() -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withTransaction(begin: "BEGIN", body)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withTransaction(begin: "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    func unmanaged<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection { connection in try await body(connection.sql(queryLogLevel: nil)) }
    }

    /// A transaction on one pooled connection. When even the ROLLBACK cannot be sent (a timeout cancelled the
    /// task, the connection broke), the connection is closed rather than returned to the pool inside a
    /// transaction, where its locks would outlive the failure.
    private func withTransaction<T: Sendable>(begin: SQLQueryString, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection { connection in
            try await Self.runTransaction(on: connection.sql(queryLogLevel: nil), begin: begin, ifRollbackFails: { try? await connection.close() }, body)
        }
    }

    private func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let client = self.client
        return try await withDeadline(deadline, location: locationDescription) {
            try await client.withConnection { connection in try await body(connection) }
        }
    }

    func historyError(_ error: any Error, doing action: String) -> HistoryError {
        if let error = error as? HistoryError { return error }
        let prefix = "could not \(action) at \(locationDescription)"
        if let error = error as? PSQLError {
            if let state = error.serverInfo?[.sqlState] {
                let serverMessage = error.serverInfo?[.message] ?? "server error"
                return HistoryError(reason: Self.reason(sqlState: state), message: "\(prefix): \(serverMessage) (SQLSTATE \(state))")
            }
            switch error.code {
            case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed,
                 .sslUnsupported, .failedToAddSSLHandler:
                let cause = error.underlying.map { ": \($0)" } ?? ""
                return HistoryError(reason: .unreachable, message: "\(prefix): \(error.code)\(cause)")
            default:
                return HistoryError(reason: .internal, message: "\(prefix): \(error.code)")
            }
        }
        let text = String(describing: error)
        // The pool's own errors (its circuit breaker after connections kept failing) live in a module this
        // target cannot import; their type name is stable.
        if error is IOError || error is ChannelError || error is NIOConnectionError || error is CancellationError
            || String(reflecting: type(of: error)).contains("ConnectionPoolError") {
            return HistoryError(reason: .unreachable, message: "\(prefix): \(text)")
        }
        return HistoryError(reason: .internal, message: "\(prefix): \(text)")
    }

    /// SQLSTATE classes: 08 connection, 53 resources, 57 operator intervention, 40 rollbacks, 23 constraints.
    private static func reason(sqlState: String) -> HistoryError.Reason {
        switch sqlState {
        case "53100": .full
        case "53300", "55P03", "40001", "40P01": .busy
        case "25006": .readOnly
        case "28000", "28P01", "3D000": .unreachable
        case _ where sqlState.hasPrefix("08") || sqlState.hasPrefix("57"): .unreachable
        case _ where sqlState.hasPrefix("53"): .full
        case _ where sqlState.hasPrefix("23"): .rejected
        default: .internal
        }
    }

    func close() async {
        runTask.cancel()
        _ = await runTask.value
    }
}

/// Runs `operation`, or throws ``HistoryError/Reason/unreachable`` after `limit` (the operation is cancelled).
func withDeadline<T: Sendable>(
    _ limit: Duration,
    location: String,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw HistoryError(reason: .unreachable, message: "\(location) did not answer within \(limit)")
        }
        return value
    }
}
