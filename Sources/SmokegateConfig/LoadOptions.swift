/// What the command line adds to a configuration.
public struct LoadOptions: Sendable {
    /// `--env` names in the order given; empty runs every defined environment.
    public var environments: [String]
    /// `--var key=value` overrides; they win over every `vars:` block.
    public var variables: [String: String]
    /// `--tag` selection; empty selects every check.
    public var tags: [String]
    /// Where `${env:NAME}` secrets come from (the process environment in the CLI).
    public var processEnvironment: [String: String]
    /// `--baseline` / `--candidate`: compare the candidate against the baseline (they win over a `compare:` block).
    public var baseline: String?
    public var candidate: String?
    /// Whether this run compares at all: a watch reads the suites' `compare:` blocks as settings it does not use.
    public var comparing = true
    /// `--check` patterns (names or `suite/name`, with `*`, `?` and `[…]` globs); empty selects every check. A check
    /// selected brings the checks it depends on.
    public var checks: [String] = []
    /// The command that cannot run chained checks (`smokegate watch`), which makes `capture:` and `needs:` errors;
    /// nil for `run`, which can.
    public var chainingUnsupportedBy: String?

    public init(environments: [String] = [], variables: [String: String] = [:], tags: [String] = [], processEnvironment: [String: String] = [:]) {
        self.environments = environments
        self.variables = variables
        self.tags = tags
        self.processEnvironment = processEnvironment
    }
}
