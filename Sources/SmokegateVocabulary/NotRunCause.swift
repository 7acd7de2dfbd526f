/// Why a check in an environment has no result of its own (`not_run`).
public enum NotRunCause: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// The run was interrupted (a signal, the deadline) before the check's samples finished.
    case interrupted
    /// A check it depends on (`capture:` values it uses, or `needs:`) failed or did not run in that environment.
    case dependency

    public var description: String { rawValue }
}
