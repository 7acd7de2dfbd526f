/// Why a watch stopped probing, or that it has not: what a report's `watch.ended_by` says.
public enum WatchEnd: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Its planned duration passed.
    case duration
    /// Its `until` condition held.
    case until
    /// A signal stopped it.
    case interrupted
    /// Still watching: a checkpoint.
    case running

    public var description: String { rawValue }
}
