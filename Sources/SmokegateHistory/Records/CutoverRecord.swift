import Foundation

/// A target's switch from one version to another, seen by a watch or serve.
public struct CutoverRecord: Sendable, Hashable, Codable {
    public var id: UUID
    public var target: String
    public var fromVersion: String
    public var toVersion: String
    /// When the new version first answered.
    public var startedAt: Date
    /// When the old version last answered; nil while it still does.
    public var completedAt: Date?
    /// How long both versions answered.
    public var mixedSeconds: Double
    /// Returns to the old version after the new one first answered.
    public var flaps: Int
    /// The target ended on the older version: the switch was rolled back.
    public var rolledBack: Bool

    /// Creates a cutover.
    public init(
        id: UUID = UUID(),
        target: String,
        fromVersion: String,
        toVersion: String,
        startedAt: Date,
        completedAt: Date?,
        mixedSeconds: Double,
        flaps: Int = 0,
        rolledBack: Bool = false
    ) {
        self.id = id
        self.target = target
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.mixedSeconds = mixedSeconds
        self.flaps = flaps
        self.rolledBack = rolledBack
    }
}
