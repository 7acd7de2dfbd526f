/// How one check compared between the baseline and the candidate.
public struct ComparisonRecord: Sendable, Hashable, Codable {
    public var check: String
    public var baselineEnvironment: String?
    public var candidateEnvironment: String?
    /// The comparison's decision as the report spells it: `promote`, `hold` or `rollback`.
    public var decision: String
    /// Why, one reason per line of the report (e.g. `p95 up 40 %`).
    public var reasons: [String]
    /// The test's p-value, when one was computed.
    public var pValue: Double?

    /// Creates a comparison.
    public init(
        check: String,
        baselineEnvironment: String? = nil,
        candidateEnvironment: String? = nil,
        decision: String,
        reasons: [String] = [],
        pValue: Double? = nil
    ) {
        self.check = check
        self.baselineEnvironment = baselineEnvironment
        self.candidateEnvironment = candidateEnvironment
        self.decision = decision
        self.reasons = reasons
        self.pValue = pValue
    }
}
