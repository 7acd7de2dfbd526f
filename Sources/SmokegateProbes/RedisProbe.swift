import NIOCore

/// Checks a Redis server by running one command over RESP2 and timing it.
///
/// `AUTH` (password, or ACL user and password) comes first when a password is given; the command's reply is
/// the result, unless it is an error reply, which fails the probe. The connection is closed on every path.
public enum RedisProbe {
    /// Connects, authenticates when asked, runs the command and closes.
    ///
    /// - Throws: `ProbeFailure` (`auth` for `-NOAUTH` / `-WRONGPASS` / a refused `AUTH`, `redis_error` for any
    ///   other error reply, connection and timeout reasons otherwise) or `CancellationError`.
    public static func run(_ request: RedisProbeRequest) async throws -> RedisProbeResult {
        let target = "Redis at " + RedisPostgresConnector.target(host: request.host, port: request.port)
        return try await RedisPostgresConnector.probe(target: target, timeout: request.timeout, password: request.password,
                                                      validate: { try validate(request) }) { connector in
            try await exchange(request, connector: connector)
        }
    }

    private static func exchange(
        _ request: RedisProbeRequest,
        connector: RedisPostgresConnector
    ) async throws -> RedisProbeResult {
        let (channel, clock) = try await connector.connect(
            host: request.host,
            port: request.port,
            connectTimeout: request.connectTimeout
        ) { channel in
            try channel.pipeline.syncOperations.addHandler(RESPReplyHandler(connector: connector))
        }
        // Each figure is a span between stamps the event loop took (connect call, connection active, command
        // written, reply read), so the task's own waits for the loop and the cooperative pool are not in them.
        var connect = (clock.dnsMicroseconds.withLock { $0 } ?? 0) + (clock.connectMicroseconds ?? 0)
        if let password = request.password {
            let auth = ["AUTH"] + (request.username.map { [$0] } ?? []) + [password]
            clock.beginExchange()
            if case .error(let message) = try await send(auth, on: channel, connector: connector) {
                throw ProbeFailure(.authentication, "\(connector.target) refused the credentials: \(message)")
            }
            connect += clock.exchangeMicroseconds ?? 0
        }
        clock.beginExchange()
        let reply = try await send(request.command, on: channel, connector: connector)
        let command = clock.exchangeMicroseconds ?? 0
        if case .error(let message) = reply {
            throw commandFailure(message, command: request.command, target: connector.target)
        }
        return RedisProbeResult(
            connectMicroseconds: connect,
            commandMicroseconds: command,
            totalMicroseconds: connect + command,
            reply: reply,
            peer: RedisPostgresConnector.peer(of: channel, fallback: connector.target)
        )
    }

    /// Writes one command and waits for its reply; a failed write fails the reply too, so nothing waits forever.
    private static func send(
        _ arguments: [String],
        on channel: any Channel,
        connector: RedisPostgresConnector
    ) async throws -> RESPValue {
        let reply = channel.eventLoop.makePromise(of: RESPValue.self)
        channel.writeAndFlush(RESPCommand(arguments, reply: reply)).whenFailure { error in
            reply.fail(error as? ProbeFailure ?? connector.recordedFailure
                ?? ProbeFailure(.closed, "\(connector.target) closed the connection before the command was sent."))
        }
        return try await reply.futureResult.get()
    }

    /// An error reply to the command: `auth` when it is about credentials, `redis_error` otherwise.
    private static func commandFailure(_ message: String, command: [String], target: String) -> ProbeFailure {
        let code = message.prefix { $0 != " " }
        if code == "NOAUTH" || code == "WRONGPASS" {
            return ProbeFailure(.authentication, "\(target) requires authentication: \(message)")
        }
        // Only the command's name: its arguments may hold secrets the user did not mark as a password.
        let name = String((command.first ?? "").uppercased().prefix(40))
        return ProbeFailure(.redisError, "\(target) answered \(name) with an error: \(message)")
    }

    private static func validate(_ request: RedisProbeRequest) throws(ProbeFailure) {
        if request.host.isEmpty {
            throw ProbeFailure(.invalidRequest, "The Redis probe has no host.")
        }
        if !(1...65535).contains(request.port) {
            throw ProbeFailure(.invalidRequest, "The Redis port \(request.port) is not between 1 and 65535.")
        }
        if request.command.first?.isEmpty ?? true {
            throw ProbeFailure(.invalidRequest, "The Redis probe has no command to send.")
        }
        if request.username != nil, request.password == nil {
            throw ProbeFailure(.invalidRequest, "A Redis username needs a password: AUTH takes both.")
        }
        if request.connectTimeout <= .zero || request.timeout <= .zero {
            throw ProbeFailure(.invalidRequest, "The Redis probe's timeouts must be positive.")
        }
    }
}
