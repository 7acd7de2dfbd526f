/// A fixture server that must be shut down after use.
public protocol FixtureService: Sendable {
    /// Closes the listener and every connection; later calls do nothing.
    func shutdown() async throws
}

extension FixtureService {
    /// Runs `body` with this started server, then shuts it down whatever happens.
    nonisolated(nonsending)
        func serving<T: Sendable>(_ body: (Self) async throws -> T) async throws -> T
    {
        let result: T
        do {
            result = try await body(self)
        } catch {
            try? await shutdown()
            throw error
        }
        try await shutdown()
        return result
    }
}
