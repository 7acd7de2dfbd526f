/// Why the history store could not do what was asked; `reason` is a stable snake_case code for logs and metrics.
///
/// Writers check ``isRetryable``: a database that is down, locked, full or read-only may recover, so the write is
/// worth queueing (see ``HistoryWriteBuffer``); anything else will fail the same way again. Messages never contain
/// a password: locations are shown redacted.
public struct HistoryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, bounded classification of history failures.
    public struct Reason: RawRepresentable, CaseIterable, Sendable, Hashable, CustomStringConvertible {
        private enum Code: String, Sendable, CaseIterable {
            case invalidLocation = "invalid_location"
            case unreachable
            case busy
            case full
            case readOnly = "read_only"
            case schemaTooNew = "schema_too_new"
            case migrationFailed = "migration_failed"
            case corrupt
            case rejected
            case invalidRecord = "invalid_record"
            case invalidData = "invalid_data"
            case closed
            case `internal`
        }

        private let code: Code

        private init(_ code: Code) {
            self.code = code
        }

        /// Reads a reason back from its `rawValue`.
        public init?(rawValue: String) {
            guard let code = Code(rawValue: rawValue) else { return nil }
            self.code = code
        }

        /// The snake_case code, e.g. `schema_too_new`.
        public var rawValue: String { code.rawValue }

        /// The snake_case code.
        public var description: String { code.rawValue }

        /// Every reason, in declaration order.
        public static var allCases: [Reason] { Code.allCases.map { Reason($0) } }

        /// The location is neither a file path nor a `postgres://` URL, or the URL is malformed.
        public static let invalidLocation = Reason(.invalidLocation)
        /// The database server could not be reached or dropped the connection (retryable).
        public static let unreachable = Reason(.unreachable)
        /// The database stayed locked by other writers past the busy timeout (retryable).
        public static let busy = Reason(.busy)
        /// The disk or the server's storage is full (retryable).
        public static let full = Reason(.full)
        /// The database or its directory cannot be written (retryable: permissions may be fixed).
        public static let readOnly = Reason(.readOnly)
        /// The database was migrated by a newer smokegate; this binary refuses to touch it.
        public static let schemaTooNew = Reason(.schemaTooNew)
        /// A migration failed; the database was left at its previous version.
        public static let migrationFailed = Reason(.migrationFailed)
        /// The file is not a database, or SQLite found it damaged.
        public static let corrupt = Reason(.corrupt)
        /// The database refused the record: a constraint failed (e.g. a rollback of an unknown deployment).
        public static let rejected = Reason(.rejected)
        /// The record is inconsistent before it reaches the database (e.g. an end before its start).
        public static let invalidRecord = Reason(.invalidRecord)
        /// A stored value could not be read back (a damaged histogram or timestamp).
        public static let invalidData = Reason(.invalidData)
        /// The store was closed.
        public static let closed = Reason(.closed)
        /// Anything else: a fault of smokegate or the driver.
        public static let `internal` = Reason(.internal)
    }

    /// The classification.
    public var reason: Reason
    /// One human sentence: what failed, where (the location redacted), then the database's own words.
    public var message: String

    /// Creates an error value.
    public init(reason: Reason, message: String) {
        self.reason = reason
        self.message = message
    }

    /// True when the same write may succeed later: the database was unreachable, busy, full or read-only.
    public var isRetryable: Bool {
        [Reason.unreachable, .busy, .full, .readOnly].contains(reason)
    }

    /// `reason: message`.
    public var description: String { "\(reason.rawValue): \(message)" }
}
