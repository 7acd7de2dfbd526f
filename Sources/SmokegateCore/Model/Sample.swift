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
    public var measurement: Measurement

    public init(check: Int, environment: String, index: Int, scheduled: Duration, started: Duration, attempts: Int,
                failures: [Failure], rescuedFailures: [Failure], measurement: Measurement) {
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
    public var reason: String
    public var message: String

    public init(reason: String, message: String) {
        self.reason = reason
        self.message = message
    }
}

/// What one attempt measured. Latency exists whenever a response (even a failing one) came back.
public struct Measurement: Sendable, Hashable {
    /// End-to-end latency in microseconds.
    public var latency: Int64?
    public var phases: PhaseTimings?
    public var status: Int?
    /// `ip:port` of the peer that answered.
    public var answeredBy: String?
    public var bodyBytes: Int?

    public init(latency: Int64? = nil, phases: PhaseTimings? = nil, status: Int? = nil, answeredBy: String? = nil, bodyBytes: Int? = nil) {
        self.latency = latency
        self.phases = phases
        self.status = status
        self.answeredBy = answeredBy
        self.bodyBytes = bodyBytes
    }
}

/// Phase durations of one attempt in microseconds: where the time went.
public struct PhaseTimings: Sendable, Hashable {
    public var dns: Int64
    public var connect: Int64
    public var tls: Int64
    /// Waiting for the first byte after the request was sent.
    public var server: Int64
    public var transfer: Int64
    public var total: Int64

    public init(dns: Int64, connect: Int64, tls: Int64, server: Int64, transfer: Int64, total: Int64) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.server = server
        self.transfer = transfer
        self.total = total
    }

    /// The phases by name, in the order they happen.
    public var named: [(name: String, value: Int64)] {
        [("dns", dns), ("connect", connect), ("tls", tls), ("server", server), ("transfer", transfer), ("total", total)]
    }
}
