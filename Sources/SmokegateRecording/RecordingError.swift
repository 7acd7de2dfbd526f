/// A `--history`, `--label`, `--deployment` or `history …` argument smokegate cannot use; the message says which
/// and how to write it.
public struct RecordingError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case label, deployment, rollback, span, objective, location
    }

    private let code: Code
    /// One line naming the argument and what was expected.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    static func label(_ message: String) -> RecordingError { RecordingError(.label, message) }
    static func deployment(_ message: String) -> RecordingError { RecordingError(.deployment, message) }
    static func rollback(_ message: String) -> RecordingError { RecordingError(.rollback, message) }
    static func span(_ message: String) -> RecordingError { RecordingError(.span, message) }
    static func objective(_ message: String) -> RecordingError { RecordingError(.objective, message) }

    /// `--label`, `--deployment` or `--rollback-of` given where nothing is recorded.
    public static let needsLocation = RecordingError(
        .location, "--label, --deployment and --rollback-of record into a history: give --history LOCATION or set SMOKEGATE_HISTORY")

    public var description: String { message }
}
