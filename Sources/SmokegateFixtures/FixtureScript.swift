/// How a fixture server decides what each request gets.
public enum FixtureScript: Sendable {
    /// Answered on the connection's event loop as the request completes. Prefer it: a test process whose
    /// cooperative pool is busy with other tests cannot delay these answers.
    case immediate(@Sendable (FixtureRequest) -> FixtureBehavior)
    /// Answered from a task, for scripts that must await (coordinate with the test, count in-flight requests).
    case deferred(@Sendable (FixtureRequest) async -> FixtureBehavior)
}
