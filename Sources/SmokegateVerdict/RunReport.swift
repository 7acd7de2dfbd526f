import SmokegateModel
import SmokegateStats
import SmokegateVocabulary
/// Everything a run found, decided once: the single source every reporter formats and none recomputes.
///
/// Its JSON form is `verdict.json` (documented by `docs/verdict.schema.json`); field names there are snake_case.
public struct RunReport: Sendable, Codable {
    public static let schemaVersion = "1.1"
    /// At most this many points of a check result's latency distribution are kept (`latencyQuantilesMs`).
    public static let quantilePoints = 64

    public var schemaVersion: String = RunReport.schemaVersion
    public var tool: Tool
    public var runID: String
    public var startedAt: String
    public var finishedAt: String
    public var durationSeconds: Double
    /// `pass` or `fail`; for a comparison `promote`, `hold` or `rollback`; `interrupted` after a signal; `running` in a
    /// watch's checkpoint.
    public var decision: Decision
    /// The process exit code this report implies: `ExitStatus` (0 pass / promote, 1 fail / rollback, 2 error, 3 hold, 4 deadline,
    /// 130 / 143 interrupted).
    public var exitCode: ExitStatus
    /// One sentence per reason the decision is not a plain pass, each naming the value, the limit and n.
    public var reasons: [String]
    /// What did not change the decision but a person should know: checks that passed only after retries.
    public var warnings: [String] = []
    /// With decision `error`: the configuration or usage problems that stopped the run before any probe.
    public var configurationErrors: [ConfigurationProblem]?
    public var interrupted: Bool
    /// `SIGINT` or `SIGTERM` when interrupted.
    public var interruption: Interruption?
    public var files: [String]
    public var concurrency: Int
    public var tags: [String]
    public var totals: Totals
    public var environments: [EnvironmentSummary]
    public var checks: [CheckReport]
    public var gates: [ThresholdResult]
    /// Check by check, the candidate against the baseline; absent when the run compares nothing.
    public var comparisons: [ComparisonReport]?
    /// Downtime windows and version timelines; present for `smokegate watch` only.
    public var watch: WatchReport?

    /// One configuration or usage problem, located when it comes from a file.
    public struct ConfigurationProblem: Sendable, Codable {
        public var file: String?
        public var line: Int?
        public var column: Int?
        public var message: String
    }

    public struct Tool: Sendable, Codable {
        public var name: String
        public var version: String
    }

    public struct Totals: Sendable, Codable {
        public var checks: Int
        public var probesPlanned: Int
        public var probesCompleted: Int
        public var probesFailed: Int
        public var results: [CheckStatus: Int]
    }

    /// One environment over the whole run: what the gates are measured on.
    public struct EnvironmentSummary: Sendable, Codable {
        public var name: String
        public var baseURL: String?
        public var connectTo: [String]
        public var probes: Int
        public var failed: Int
        public var errorRate: Double?
        public var latency: LatencyFigures?
        public var checksPassed: Int
        public var checksFailed: Int
    }

    /// One check, with a result per environment.
    public struct CheckReport: Sendable, Codable {
        public var name: String
        public var suite: String
        public var file: String
        public var line: Int
        public var kind: String
        public var tags: [String]
        public var results: [CheckResult]
    }

    /// One check in one environment.
    public struct CheckResult: Sendable, Codable {
        public var environment: String
        /// `pass`, `flaky` (passed only after retries), `fail`, `skipped` (not selected) or `not_run` (interrupted first,
        /// or a check it depends on failed: `not_run_cause`).
        public var status: CheckStatus
        public var target: String?
        public var method: String?
        /// TLS verification was switched off for this check.
        public var insecure: Bool
        public var samplesPlanned: Int
        public var samplesCompleted: Int
        /// From the first sample's start to the last one's end: how long the check took (a JUnit test case's time).
        public var elapsedSeconds: Double
        public var samplesFailed: Int
        /// Samples that passed only after a retry.
        public var samplesRescued: Int
        public var errorRate: Double?
        public var latency: LatencyFigures?
        /// The latency distribution's shape in milliseconds, ascending, for a chart of it: every latency when there
        /// are at most `RunReport.quantilePoints`, else the nearest-rank quantiles at levels 1/64, 2/64 … 64/64 (the
        /// last is the maximum). Absent without latencies.
        public var latencyQuantilesMs: [Double]? = nil
        public var phases: [String: LatencyFigures]
        /// Status codes seen and how often.
        public var statusCodes: [String: Int]
        /// `ip:port` of the peers that answered.
        public var answeredBy: [String]
        /// With `version_from`: how many samples each version answered.
        public var versions: [String: Int]?
        /// With `expect_version`: the version this environment must answer with.
        public var expectedVersion: String?
        /// Distinct failures, most frequent first.
        public var failures: [FailureGroup]
        /// The first failing samples in detail.
        public var failedSamples: [FailedSample]
        /// The check's own limits over its samples (`latency: p95 < 300ms`).
        public var thresholds: [ThresholdResult]
        public var skipReason: String?
        /// The one sentence that explains a non-pass.
        public var message: String?
        /// The proxy the check's requests went through (password masked); absent for a direct connection.
        public var proxy: ProxyUse? = nil
        /// Why a `not_run` check has no result: interrupted, or a check it depends on failed or did not run.
        public var notRunCause: NotRunCause? = nil
        /// With cause `dependency`: the check (`suite/name`) it waited for.
        public var blockedBy: String? = nil
        /// HTTP checks: how many samples each HTTP version answered (`1.1`, `2`).
        public var httpVersions: [String: Int]? = nil
        /// TLS checks: the leaf certificate of the latest sample that saw one.
        public var certificate: CertificateSummary? = nil
    }

    /// A proxy as reports show it.
    public struct ProxyUse: Sendable, Codable {
        /// The proxy URL with its password masked.
        public var url: String
        /// `config`, or `env:NAME` when it came from the environment variable NAME (`proxy: env`).
        public var from: String
    }

    /// One distinct failure with its count and first sample.
    public typealias FailureGroup = FailureTally.Group

    public struct FailedSample: Sendable, Codable {
        public var sample: Int
        public var startedMs: Double
        public var attempts: Int
        public var status: Int?
        public var latencyMs: Double?
        public var answeredBy: String?
        public var failures: [Failure]
        /// The HTTP version that answered it.
        public var httpVersion: String? = nil
    }

    /// A limit checked against what was observed: a check's own threshold, or a run-wide gate in one environment.
    public struct ThresholdResult: Sendable, Codable {
        /// As written, normalised: `p95 < 300ms`.
        public var threshold: String
        public var metric: String
        public var comparison: String
        /// In the metric's unit: milliseconds for latency, a fraction for the error rate; nil when nothing was measured.
        public var observed: Double?
        public var limit: Double
        public var unit: String
        public var n: Int
        public var passed: Bool
        public var message: String
        /// For gates: the environment it was measured in, and where the gate is defined.
        public var environment: String?
        /// For watch gates: the check (`suite/name`) whose target it was measured on.
        public var check: String?
        public var file: String?
        public var line: Int?
    }

    /// Latency figures in milliseconds, with the count they rest on.
    public struct LatencyFigures: Sendable, Codable, Hashable {
        public var n: Int
        public var minMs: Double
        public var meanMs: Double
        public var p50Ms: Double
        public var p90Ms: Double
        public var p95Ms: Double
        public var p99Ms: Double
        public var maxMs: Double

        public init(_ distribution: LatencyDistribution) {
            func ms(_ us: Int64) -> Double { Double(us) / 1000 }
            n = distribution.count
            minMs = ms(distribution.min)
            meanMs = (distribution.mean / 1000 * 1000).rounded() / 1000
            p50Ms = ms(distribution.p50)
            p90Ms = ms(distribution.p90)
            p95Ms = ms(distribution.p95)
            p99Ms = ms(distribution.p99)
            maxMs = ms(distribution.max)
        }
    }
}
