/// Whether a watched (or served) target answers, as of its latest probe.
public enum TargetStatus: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Its latest probe passed.
    case up
    /// It is in a downtime window: its latest probe failed.
    case down
    /// No probe has finished yet.
    case unknown

    public var description: String { rawValue }
}
