/// Failures starting a fixture server.
public enum FixtureServerError: Error, Sendable {
    /// The listening socket reported no local port, so nobody could reach it.
    case noLocalPort
}
