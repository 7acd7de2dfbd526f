import Foundation

/// One continuous stretch of failing probes against a target, seen by a watch or serve.
public struct DowntimeWindowRecord: Sendable, Hashable, Codable {
    public var id: UUID
    /// The target key (``HistoryTarget/key(check:environment:)`` for a watch's check × environment).
    public var target: String
    public var startedAt: Date
    /// Nil while the window is still open.
    public var endedAt: Date?
    /// Down time in seconds (up to the moment of writing for an open window).
    public var durationSeconds: Double
    public var failedProbes: Int
    /// Failed probes by reason code.
    public var reasons: [String: Int]

    /// Creates a window.
    public init(
        id: UUID = UUID(),
        target: String,
        startedAt: Date,
        endedAt: Date?,
        durationSeconds: Double,
        failedProbes: Int,
        reasons: [String: Int] = [:]
    ) {
        self.id = id
        self.target = target
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.durationSeconds = durationSeconds
        self.failedProbes = failedProbes
        self.reasons = reasons
    }
}
