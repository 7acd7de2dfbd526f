/// Polls `condition` every 100 ms until it holds or `limit` passes; true when it held. For state a server reaches
/// in its own time: a test waits only as long as the condition takes, and the limit is generous because the
/// machine may be busy.
public func eventually(within limit: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return try await condition()
}
