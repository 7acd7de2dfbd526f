import SmokegateVocabulary

/// Why a TCP, Redis, PostgreSQL, DNS or gRPC probe got no usable answer: a stable reason code for reports and one sentence.
///
/// Messages never carry a password, whatever the server echoed.
public struct ProbeFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The same vocabulary as every other probe's: `FailureReason`.
    public var reason: FailureReason
    /// One sentence: what failed, against whom, and what the server said.
    public var message: String
    /// Time spent before the failure, in microseconds, when known.
    public var elapsedMicroseconds: Int64?

    public init(_ reason: FailureReason, _ message: String, elapsedMicroseconds: Int64? = nil) {
        self.reason = reason
        self.message = message
        self.elapsedMicroseconds = elapsedMicroseconds
    }

    public var description: String { "\(reason): \(message)" }
}
