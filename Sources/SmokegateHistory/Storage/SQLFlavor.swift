import Foundation
import SmokegateStats
import SQLKit

/// The few places where SQLite and PostgreSQL store a value differently; all SQL text is shared.
///
/// | value | PostgreSQL | SQLite |
/// |---|---|---|
/// | moment | `TIMESTAMPTZ` (sent as ``HistoryTimestamp`` text) | ISO-8601 UTC text, six fractional digits (``HistoryTimestamp``) |
/// | id | `UUID` | lower-case UUID text |
/// | flag | `BOOLEAN` | integer 0 / 1 |
/// | runbook minutes | `DECIMAL(10, 2)` (bound as `Decimal`) | `REAL`, rounded to hundredths |
/// | histogram | `BYTEA` | `BLOB` |
/// | JSON (reasons) | `TEXT` holding JSON | `TEXT` holding JSON |
enum SQLFlavor: Sendable {
    case sqlite
    case postgres

    func timestamp(_ date: Date) -> any SQLExpression {
        switch self {
        case .sqlite: SQLBind(HistoryTimestamp.format(date))
        case .postgres: SQLQueryString("CAST(\(bind: HistoryTimestamp.format(date)) AS TIMESTAMPTZ)")
        }
    }

    func timestamp(_ date: Date?) -> any SQLExpression {
        date.map { timestamp($0) } ?? SQLLiteral.null
    }

    func uuid(_ id: UUID) -> any SQLExpression {
        switch self {
        case .sqlite: SQLBind(id.uuidString.lowercased())
        case .postgres: SQLBind(id)
        }
    }

    func bool(_ value: Bool?) -> any SQLExpression {
        guard let value else { return SQLLiteral.null }
        switch self {
        case .sqlite: return SQLBind(value ? 1 : 0)
        case .postgres: return SQLBind(value)
        }
    }

    /// Minutes for the runbook's `DECIMAL(10, 2)` columns, rounded to hundredths.
    func minutes(_ value: Double?) -> any SQLExpression {
        guard let value, value.isFinite else { return SQLLiteral.null }
        let hundredths = (value * 100).rounded()
        switch self {
        case .sqlite: return SQLBind(hundredths / 100)
        case .postgres: return SQLBind(Decimal(Int64(hundredths)) / 100)
        }
    }

    func json(_ value: some Encodable) -> any SQLExpression {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
        return SQLBind(text)
    }

    /// `BEGIN` for a write: SQLite takes the write lock at once (`IMMEDIATE`), so a transaction never has to
    /// upgrade a read lock, which fails at once with `SQLITE_BUSY` instead of waiting out the busy timeout.
    var beginWrite: SQLQueryString {
        switch self {
        case .sqlite: "BEGIN IMMEDIATE"
        case .postgres: "BEGIN"
        }
    }

    // MARK: - Reading

    func date(_ row: any SQLRow, _ column: String) throws -> Date {
        guard let date = try optionalDate(row, column) else {
            throw HistoryError(reason: .invalidData, message: "\(column) is NULL")
        }
        return date
    }

    func optionalDate(_ row: any SQLRow, _ column: String) throws -> Date? {
        switch self {
        case .postgres:
            return try row.decode(column: column, as: Date?.self).map(Self.microsecondPrecise)
        case .sqlite:
            guard let text = try row.decode(column: column, as: String?.self) else { return nil }
            guard let date = HistoryTimestamp.parse(text) else {
                throw HistoryError(reason: .invalidData, message: "\(column) holds \"\(text)\", not a timestamp")
            }
            return date
        }
    }

    func uuid(_ row: any SQLRow, _ column: String) throws -> UUID {
        switch self {
        case .postgres:
            return try row.decode(column: column, as: UUID.self)
        case .sqlite:
            let text = try row.decode(column: column, as: String.self)
            guard let id = UUID(uuidString: text) else {
                throw HistoryError(reason: .invalidData, message: "\(column) holds \"\(text)\", not a UUID")
            }
            return id
        }
    }

    func optionalBool(_ row: any SQLRow, _ column: String) throws -> Bool? {
        switch self {
        case .postgres: try row.decode(column: column, as: Bool?.self)
        case .sqlite: try row.decode(column: column, as: Int?.self).map { $0 != 0 }
        }
    }

    func jsonValue<T: Decodable>(_ row: any SQLRow, _ column: String, as type: T.Type) throws -> T {
        let text = try row.decode(column: column, as: String.self)
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw HistoryError(reason: .invalidData, message: "\(column) holds JSON that does not decode: \(error)")
        }
    }

    func histogram(_ row: any SQLRow, _ column: String) throws -> LatencyHistogram {
        let bytes = try row.decode(column: column, as: Data.self)
        do {
            return try LatencyHistogram(encoded: bytes)
        } catch {
            throw HistoryError(reason: .invalidData, message: "\(column): \(error)")
        }
    }

    /// Both databases keep microseconds. Every moment is written and read back in this one form (whole
    /// microseconds since 1970, divided once), so a moment reads back equal to what was written, rounded.
    static func microsecondPrecise(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(Int64((date.timeIntervalSince1970 * 1_000_000).rounded())) / 1_000_000)
    }
}
