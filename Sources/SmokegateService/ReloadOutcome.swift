/// What a configuration reload came to: the new configuration runs, or the old one goes on and these are why.
public enum ReloadOutcome: Sendable, Hashable {
    /// The new configuration loaded from these files and replaces the old one once probes in flight finish.
    case reloaded(files: [String])
    /// The new configuration did not load; each problem as `file:line:column: error: message`.
    case failed([String])

    public var succeeded: Bool {
        if case .reloaded = self { return true }
        return false
    }
}
