/// `template:`: the text of messages, with `{{name}}` placeholders filled per message. One text for every kind of
/// message, or one per kind (`failing`, `more`, `reminder`, `resolved`, `run`); a kind without its own text uses the
/// built-in one.
public struct AlertTemplate: Sendable, Hashable {
    /// The text for every kind that has none of its own.
    public var text: String?
    /// Texts by kind.
    public var byKind: [AlertMessageKind: String]

    public init(text: String? = nil, byKind: [AlertMessageKind: String] = [:]) {
        self.text = text
        self.byKind = byKind
    }

    /// The text for `kind`, nil when the built-in one applies.
    public func text(for kind: AlertMessageKind) -> String? { byKind[kind] ?? text }

    /// The placeholders a template may use, each with what it holds; `docs/alerts.md` lists them.
    public static let variables: [String: String] = [
        "kind": "failing, more, reminder, resolved or run",
        "title": "the built-in one-line title",
        "environment": "the environment the message is about",
        "check": "the check (suite/name), or the first of several",
        "checks": "every check the message is about, comma-separated",
        "failing": "how many checks of the environment fail",
        "total": "how many checks the environment has",
        "version": "the version the target answers with (version_from), or the expected version",
        "reason": "why: the first failure, or the run's first reason",
        "error_rate": "the error rate, as a percentage",
        "p95": "the 95th percentile latency",
        "downtime": "time down so far",
        "decision": "run and watch: pass, fail, promote, hold, rollback, interrupted",
        "link": "the report or status-page link",
        "since": "when the incident opened (UTC, ISO 8601)",
    ]
}
