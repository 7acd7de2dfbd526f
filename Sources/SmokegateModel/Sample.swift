import SmokegateProbes
import SmokegateVocabulary

/// The result of probing one check once in one environment (after any retries).
public struct Sample: Sendable {
    /// Index of the check in `Suite.checks`.
    public var check: Int
    public var environment: String
    /// 0-based sample number within the check and environment.
    public var index: Int
    /// When the probe was due, from the run's start (open-loop schedule).
    public var scheduled: Duration
    /// When its first attempt actually started, from the run's start.
    public var started: Duration
    /// Attempts made: 1, or more when retries were used.
    public var attempts: Int
    /// What went wrong in the last attempt; empty when the sample passed.
    public var failures: [Failure]
    /// What went wrong in earlier attempts when a retry rescued the sample: the evidence of flakiness.
    public var rescuedFailures: [Failure]
    /// Measurements of the last attempt.
    public var measurement: ProbeMeasurement

    public init(check: Int, environment: String, index: Int, scheduled: Duration, started: Duration, attempts: Int,
                failures: [Failure], rescuedFailures: [Failure], measurement: ProbeMeasurement) {
        self.check = check
        self.environment = environment
        self.index = index
        self.scheduled = scheduled
        self.started = started
        self.attempts = attempts
        self.failures = failures
        self.rescuedFailures = rescuedFailures
        self.measurement = measurement
    }

    public var passed: Bool { failures.isEmpty }
    /// Passed, but only after a retry.
    public var flaky: Bool { passed && !rescuedFailures.isEmpty }
}

/// Why a sample failed: a stable reason code (`status`, `json`, `connection_refused`…) and a sentence.
public struct Failure: Sendable, Hashable, Codable {
    public var reason: FailureReason
    public var message: String

    public init(reason: FailureReason, message: String) {
        self.reason = reason
        self.message = message
    }
}

/// What one attempt measured. Latency exists whenever a response (even a failing one) came back.
public struct ProbeMeasurement: Sendable, Hashable {
    /// End-to-end latency in microseconds.
    public var latency: Int64?
    /// Where the time went, in the order it happens: `dns`, `connect`, `tls`, `server`, `transfer` for HTTP;
    /// `connect`, `tls`, `reply` for TCP; `connect`, `query` for PostgreSQL; `connect`, `command` for Redis.
    public var phases: [Phase]
    public var status: Int?
    /// `ip:port` of the peer that answered.
    public var answeredBy: String?
    public var bodyBytes: Int?
    /// The version the response named (`version_from`).
    public var version: String?
    /// The leaf certificate the peer presented, for TLS probes (HTTPS, TLS over TCP).
    public var certificate: TLSCertificateFacts?
    /// The HTTP version that answered: `1.0`, `1.1`, `2` or `3`.
    public var httpVersion: String?

    public init(latency: Int64? = nil, phases: [Phase] = [], status: Int? = nil, answeredBy: String? = nil, bodyBytes: Int? = nil) {
        self.latency = latency
        self.phases = phases
        self.status = status
        self.answeredBy = answeredBy
        self.bodyBytes = bodyBytes
    }
}

/// One named part of an attempt's time, in microseconds.
public struct Phase: Sendable, Hashable {
    public var name: String
    public var microseconds: Int64

    public init(_ name: String, _ microseconds: Int64) {
        self.name = name
        self.microseconds = microseconds
    }
}
