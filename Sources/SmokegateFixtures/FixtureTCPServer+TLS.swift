extension FixtureTCPServer {
    /// Starts a line server behind TLS presenting `tls`: the greeting and replies travel after the handshake.
    public static func start(
        greeting: String?,
        tls: FixtureTLS,
        reply: @escaping @Sendable (String) -> String?
    ) async throws -> FixtureTCPServer {
        try await start(greeting: greeting, tls: tls.makeServerContext(), reply: reply)
    }
}
