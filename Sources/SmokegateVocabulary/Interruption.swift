/// What stopped a run or a watch before it ended on its own.
public enum Interruption: String, Sendable, Hashable, Codable, CustomStringConvertible {
    case sigint = "SIGINT"
    case sigterm = "SIGTERM"
    /// The run's total deadline (`--deadline`) passed.
    case deadline

    public var description: String { rawValue }

    /// The exit code it implies.
    public var exitStatus: ExitStatus {
        switch self {
        case .sigint: .sigint
        case .sigterm: .sigterm
        case .deadline: .deadline
        }
    }

    /// Why a cancelled run stopped: the deadline when its timer fired, else the signal that arrived (SIGINT when
    /// none was recorded, as for a cancellation from the keyboard); nil when nothing cut it short.
    public static func resolve(cutShort: Bool, deadlinePassed: Bool, signal: Interruption?) -> Interruption? {
        guard cutShort else { return nil }
        return deadlinePassed ? .deadline : (signal ?? .sigint)
    }
}
