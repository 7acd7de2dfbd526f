/// What an HTTP attempt hands on to the checks that depend on it.
struct ChainOutput: Sendable {
    /// Captured values by name.
    var values: [String: String] = [:]
    /// The captured values that must be masked in every report (`secret: true`, the default).
    var secrets: [String] = []
    /// The jar after the response.
    var cookies: [String] = []
}
