import SmokegateCurl

/// What probes go through: libcurl's engine for HTTP, SwiftNIO for the other kinds. One is opened for a run, a
/// watch or a service's lifetime, and closed after; callers never see the transport.
public struct Prober: Sendable {
    let http: HTTPProbe

    /// Opens a prober for `body` and closes it afterwards, whatever `body` does.
    public static func with<T>(_ body: (Prober) async throws -> T) async throws -> T {
        try await CurlEngine.withEngine { engine in try await body(Prober(http: HTTPProbe(engine: engine))) }
    }
}
