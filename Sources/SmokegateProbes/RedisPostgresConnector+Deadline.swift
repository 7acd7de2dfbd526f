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
