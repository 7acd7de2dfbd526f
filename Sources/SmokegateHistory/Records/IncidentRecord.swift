import Foundation

/// An alert incident (issue 16), kept so a restarted `serve` neither forgets an open incident nor notifies twice.
public struct IncidentRecord: Sendable, Hashable, Codable {
    /// At most one open incident per key; a resolved one may be followed by a new one with the same key.
    public var dedupKey: String
    public var target: String
    public var state: IncidentState
    public var openedAt: Date
    public var lastNotifiedAt: Date?
    public var resolvedAt: Date?

    /// Creates an incident record.
    public init(
        dedupKey: String,
        target: String,
        state: IncidentState = .open,
        openedAt: Date,
        lastNotifiedAt: Date? = nil,
        resolvedAt: Date? = nil
    ) {
        self.dedupKey = dedupKey
        self.target = target
        self.state = state
        self.openedAt = openedAt
        self.lastNotifiedAt = lastNotifiedAt
        self.resolvedAt = resolvedAt
    }
}

/// Whether an incident is still open.
public enum IncidentState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Still firing.
    case open
    /// Over.
    case resolved
}
