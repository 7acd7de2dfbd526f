import SmokegateVocabulary

/// `/api/v1/verdict`: the suite's gates over one environment's recent probes, in the shape Argo Rollouts' Web metric
/// provider reads (`successCondition: result.decision == "pass"`).
public struct ServeVerdict: Sendable, Codable {
    /// `no_data`: no probe of the environment finished in the span, so neither pass nor fail can be said.
    public enum Outcome: String, Sendable, Codable {
        case pass, fail
        case noData = "no_data"
    }

    public var environment: String
    public var spanSeconds: Double
    public var generatedAt: String
    public var decision: Outcome
    /// One sentence per gate that failed, naming the value, the limit and n.
    public var reasons: [String]
    public var probes: Int
    public var failed: Int
    public var errorRate: Double?
    public var gates: [RunReport.ThresholdResult]
    /// Targets of the environment that are down now.
    public var down: [String]
}
