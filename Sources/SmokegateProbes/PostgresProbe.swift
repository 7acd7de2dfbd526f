import NIOCore
import NIOSSL
import PostgresNIO

/// Checks a PostgreSQL server by logging in and running one query, timing both.
///
/// The probe opens the TCP connection itself (for the connect timeout, prompt cancellation and the peer address)
/// and hands it to postgres-nio for TLS, startup, authentication and the query. The connection is closed on
/// every path.
public enum PostgresProbe {
    /// Connects, authenticates, runs the query, keeps up to `maxRows` rows as text and closes.
    ///
    /// - Throws: `ProbeFailure` (`auth` for SQLSTATE class 28, `unknown_database` for 3D000, `query_error` for any
    ///   other server error during the query, `tls_handshake` when TLS is required but refused, connection and
    ///   timeout reasons otherwise) or `CancellationError`.
    public static func run(_ request: PostgresProbeRequest) async throws -> PostgresProbeResult {
        let target = "PostgreSQL at " + RedisPostgresConnector.target(host: request.host, port: request.port)
        return try await RedisPostgresConnector.probe(target: target, timeout: request.timeout, password: request.password,
                                                      validate: { try validate(request) }) { connector in
            try await exchange(request, tls: try tlsConfiguration(for: request), connector: connector)
        }
    }

    private static func exchange(
        _ request: PostgresProbeRequest,
        tls: PostgresConnection.Configuration.TLS,
        connector: RedisPostgresConnector
    ) async throws -> PostgresProbeResult {
        let (channel, clock) = try await connector.connect(
            host: request.host,
            port: request.port,
            connectTimeout: request.connectTimeout
        )
        let peer = RedisPostgresConnector.peer(of: channel, fallback: connector.target)
        let connection: PostgresConnection
        // Spans between stamps the event loop took (first byte written, last byte read), not the task's wake-ups.
        clock.beginExchange()
        do {
            connection = try await PostgresConnection.connect(
                on: channel.eventLoop,
                configuration: configuration(for: request, channel: channel, tls: tls),
                id: 1,
                logger: logger
            )
        } catch {
            throw failure(for: error, duringQuery: false, connector: connector)
        }
        let connect = (clock.dnsMicroseconds.withLock { $0 } ?? 0) + (clock.connectMicroseconds ?? 0)
            + (clock.exchangeMicroseconds ?? 0)
        clock.beginExchange()
        do {
            var columns: [String] = []
            var rows: [[String?]] = []
            var rowCount = 0
            let sequence = try await connection.query(PostgresQuery(unsafeSQL: request.query), logger: logger)
            columns = sequence.columns.map(\.name)
            for try await row in sequence {
                rowCount += 1
                if rows.count < request.maxRows {
                    rows.append(row.map(PostgresValueText.text(of:)))
                }
            }
            let query = clock.exchangeMicroseconds ?? 0
            try? await connection.close()
            return PostgresProbeResult(
                connectMicroseconds: connect,
                queryMicroseconds: query,
                totalMicroseconds: connect + query,
                columns: columns,
                rows: rows,
                rowCount: rowCount,
                peer: peer
            )
        } catch {
            // postgres-nio asserts that a connection is closed before it is released.
            try? await connection.close()
            throw failure(for: error, duringQuery: true, connector: connector)
        }
    }

    /// The session settings the text rendering of results assumes (see `PostgresValueText`).
    private static let sessionParameters = [
        ("application_name", "smokegate"),
        ("DateStyle", "ISO, MDY"),
        ("IntervalStyle", "postgres"),
        ("TimeZone", "UTC"),
        ("extra_float_digits", "1"),
        ("bytea_output", "hex"),
    ]

    /// postgres-nio logs only below `critical`, so nothing it says reaches the terminal.
    private static let logger: Logger = {
        var logger = Logger(label: "smokegate.postgres")
        logger.logLevel = .critical
        return logger
    }()

    private static func configuration(
        for request: PostgresProbeRequest,
        channel: any Channel,
        tls: PostgresConnection.Configuration.TLS
    ) -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            establishedChannel: channel,
            tls: tls,
            username: request.user,
            password: request.password,
            database: request.database
        )
        // SNI and host name verification need a name; for an IP literal the chain is still verified.
        let isIPAddress = (try? SocketAddress(ipAddress: request.host, port: 0)) != nil
        configuration.options.tlsServerName = isIPAddress ? nil : request.host
        configuration.options.additionalStartupParameters = sessionParameters
        // postgres-nio bounds the startup by this even on an established channel; the probe's deadline rules.
        configuration.options.connectTimeout = .nanoseconds(RedisPostgresConnector.nanoseconds(request.timeout))
        return configuration
    }

    private static func tlsConfiguration(
        for request: PostgresProbeRequest
    ) throws(ProbeFailure) -> PostgresConnection.Configuration.TLS {
        guard request.tls != .disable else { return .disable }
        // The shared context: building one per probe loaded the whole trust store every time.
        let context = try TLSClientContexts.context(for: TLSClientOptions(insecure: request.insecure))
        return request.tls == .require ? .require(context) : .prefer(context)
    }

    private static func validate(_ request: PostgresProbeRequest) throws(ProbeFailure) {
        if request.host.isEmpty {
            throw ProbeFailure(.invalidRequest, "The PostgreSQL probe has no host.")
        }
        if !(1...65535).contains(request.port) {
            throw ProbeFailure(.invalidRequest, "The PostgreSQL port \(request.port) is not between 1 and 65535.")
        }
        if request.user.isEmpty || request.database.isEmpty {
            throw ProbeFailure(.invalidRequest, "The PostgreSQL probe needs a user and a database.")
        }
        if request.query.allSatisfy(\.isWhitespace) {
            throw ProbeFailure(.invalidRequest, "The PostgreSQL probe has no query to run.")
        }
        if request.maxRows < 0 {
            throw ProbeFailure(.invalidRequest, "The PostgreSQL probe's maxRows must not be negative.")
        }
        if request.connectTimeout <= .zero || request.timeout <= .zero {
            throw ProbeFailure(.invalidRequest, "The PostgreSQL probe's timeouts must be positive.")
        }
    }
}
