import SmokegateVocabulary

/// `/api/v1/status`: every target's state, since when, its last result, its windows of the last day, availability
/// over the last hour, day and week, and recent latency. Its JSON form is documented by `docs/serve-status.schema.json`.
public struct ServeStatus: Sendable, Codable {
    public static let schemaVersion = "1.0"

    public var schemaVersion = ServeStatus.schemaVersion
    public var tool: RunReport.Tool
    public var generatedAt: String
    public var startedAt: String
    public var uptimeSeconds: Double
    /// A configuration is loaded and its schedule runs.
    public var ready: Bool
    public var config: Config
    public var summary: Summary
    public var targets: [Target]

    public struct Config: Sendable, Codable {
        public var files: [String]
        public var loadedAt: String
        public var lastReload: Reload?
        public var reloadFailures: UInt64
    }

    public struct Reload: Sendable, Codable {
        public var at: String
        public var succeeded: Bool
        public var errors: [String]
    }

    public struct Summary: Sendable, Codable {
        public var targets: Int
        public var up: Int
        public var down: Int
        public var unknown: Int
    }

    public struct Target: Sendable, Codable {
        public var suite: String
        public var check: String
        public var environment: String
        public var kind: String
        public var target: String
        public var everySeconds: Double
        public var state: TargetStatus
        public var since: String?
        public var last: Last?
        public var probes: UInt64
        public var failed: UInt64
        public var missed: UInt64
        public var failuresByReason: [FailureReason: UInt64]
        public var availability: Availability
        /// Time down in every window since the service started (or since the target's check last changed).
        public var downtimeSeconds: Double
        public var windowCount: UInt64
        /// Windows that started or ended within the last 24 hours, oldest first.
        public var windows: [Window]
        /// Over the probes of the last hour the service still holds.
        public var latency: Latency?
        public var version: String?
        public var versionSince: String?
        public var certificateExpiresAt: String?
    }

    public struct Last: Sendable, Codable {
        public var at: String
        public var passed: Bool
        public var latencyMs: Double?
        public var status: Int?
        public var reason: FailureReason?
        public var message: String?
    }

    /// Time up over time observed; nil when nothing was observed in the span.
    public struct Availability: Sendable, Codable {
        public var hour: Double?
        public var day: Double?
        public var week: Double?
    }

    public struct Window: Sendable, Codable {
        public var start: String
        public var end: String?
        public var durationSeconds: Double
        public var ongoing: Bool
        public var failedProbes: Int
        public var reason: FailureReason
        public var firstFailure: String
    }

    public struct Latency: Sendable, Codable {
        public var n: Int
        /// How far back the probes reach: an hour, or less when fewer are held.
        public var spanSeconds: Double
        public var p50Ms: Double
        public var p95Ms: Double
        public var p99Ms: Double
    }
}
