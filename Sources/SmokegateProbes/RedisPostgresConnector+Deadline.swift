extension RedisPostgresConnector {
    /// Runs `body` with a connector, bounded by `timeout` and by task cancellation, and always closes the connector.
    ///
    /// On timeout or cancellation the connector is closed first, which fails whatever `body` awaits on the
    /// event loop promptly; `body`'s resulting error is then replaced by the `timeout` failure or by
    /// `CancellationError`, so callers never see the incidental "channel closed" it provoked.
    static func run<Value: Sendable>(
        target: String,
        timeout: Duration,
        what: String,
        _ body: @escaping @Sendable (RedisPostgresConnector) async throws -> Value
    ) async throws -> Value {
        let connector = RedisPostgresConnector(target: target)
        do {
            let result = try await withThrowingTaskGroup(of: Value?.self) { group in
                group.addTask {
                    try await withTaskCancellationHandler {
                        try await body(connector)
                    } onCancel: {
                        connector.close()
                    }
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    connector.expire()
                    return nil
                }
                defer { group.cancelAll() }
                // The first child to finish decides; the other is cancelled and awaited by the group.
                guard let first = try await group.next(), let result = first else {
                    throw ProbeFailure(.timeout, "\(what) did not finish within \(timeout).")
                }
                return result
            }
            await connector.shutdown()
            return result
        } catch {
            await connector.shutdown()
            if connector.hasExpired { throw ProbeFailure(.timeout, "\(what) did not finish within \(timeout).") }
            if Task.isCancelled { throw CancellationError() }
            throw error
        }
    }
}

extension RedisPostgresConnector {
    /// The shell every database probe shares: validate, run the exchange under the deadline, time a failure, and
    /// scrub the password from any failure (servers echo it, e.g. in a syntax error).
    ///
    /// A success's figures are the exchange's own, from the connection's `ChannelClock`.
    static func probe<Result: Sendable>(
        target: String,
        timeout: Duration,
        password: String?,
        validate: () throws -> Void,
        _ exchange: @escaping @Sendable (RedisPostgresConnector) async throws -> Result
    ) async throws -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try validate()
            return try await run(target: target, timeout: timeout, what: target) { connector in
                try await exchange(connector)
            }
        } catch var failure as ProbeFailure {
            if let password, !password.isEmpty {
                failure.message = failure.message.replacing(password, with: "***")
            }
            failure.elapsedMicroseconds = failure.elapsedMicroseconds ?? microseconds(clock.now - start)
            throw failure
        }
    }
}
