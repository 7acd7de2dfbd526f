/// A suite's `serve:` block: how `smokegate serve` probes it when a check says nothing of its own.
public struct ServeSettings: Sendable, Hashable {
    /// The default time between two probes of a target.
    public static let defaultEvery: Duration = .seconds(30)

    /// Time between two probes of each target whose check sets no `every:`.
    public var every: Duration?
    /// How far back `/api/v1/verdict` evaluates the gates by default.
    public var verdictSpan: Duration?

    public init(every: Duration? = nil, verdictSpan: Duration? = nil) {
        self.every = every
        self.verdictSpan = verdictSpan
    }
}
