extension FixtureHTTPServer {
    /// Starts an HTTPS server presenting `tls`, answering on the event loop like `start(answering:)`.
    public static func start(
        answering handler: @escaping @Sendable (FixtureRequest) -> FixtureBehavior,
        tls: FixtureTLS
    ) async throws -> FixtureHTTPServer {
        try await start(script: .immediate(handler), tls: tls.makeServerContext())
    }

    /// The server's HTTPS root URL, `https://127.0.0.1:PORT`, without a trailing slash.
    public var httpsBaseURL: String { "https://127.0.0.1:\(port)" }
}
