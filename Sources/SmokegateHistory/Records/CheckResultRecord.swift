import SmokegateStats

/// What one check measured in one environment during a run or watch.
public struct CheckResultRecord: Sendable, Hashable, Codable {
    /// The suite the check belongs to, when the caller knows it (two suites may share a check name).
    public var suite: String?
    public var check: String
    public var environment: String
    /// Probes that finished (passed or failed).
    public var samples: Int
    public var failed: Int
    /// Failed probes by reason code (e.g. `connection_refused`, `status`), summing to at most `failed`.
    public var failuresByReason: [String: Int]
    /// The run's own percentiles in milliseconds, as its report shows them; nil without a successful sample.
    public var p50Ms: Double?
    public var p95Ms: Double?
    public var p99Ms: Double?
    /// The latencies, mergeable across runs; percentiles over many runs come from merged histograms.
    public var latency: LatencyHistogram
    /// For a watch or serve: how long the target was observed, and how much of that it was down.
    public var observedSeconds: Double?
    public var downtimeSeconds: Double?

    /// Creates a result.
    public init(
        suite: String? = nil,
        check: String,
        environment: String,
        samples: Int,
        failed: Int,
        failuresByReason: [String: Int] = [:],
        p50Ms: Double? = nil,
        p95Ms: Double? = nil,
        p99Ms: Double? = nil,
        latency: LatencyHistogram = LatencyHistogram(),
        observedSeconds: Double? = nil,
        downtimeSeconds: Double? = nil
    ) {
        self.suite = suite
        self.check = check
        self.environment = environment
        self.samples = samples
        self.failed = failed
        self.failuresByReason = failuresByReason
        self.p50Ms = p50Ms
        self.p95Ms = p95Ms
        self.p99Ms = p99Ms
        self.latency = latency
        self.observedSeconds = observedSeconds
        self.downtimeSeconds = downtimeSeconds
    }

    /// The target key an SLO groups by: `check@environment`, the same key a watch's windows and serve's rollups
    /// should use for this check (see ``HistoryTarget``).
    public var target: String { HistoryTarget.key(check: check, environment: environment) }
}

/// How watch results, windows and rollups name one target, so an SLO can add them up.
public enum HistoryTarget {
    /// `check@environment`.
    public static func key(check: String, environment: String) -> String { "\(check)@\(environment)" }
}
