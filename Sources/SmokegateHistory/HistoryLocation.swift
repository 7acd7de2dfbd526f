import Foundation

/// Where history is kept: a file path means SQLite, a `postgres://` (or `postgresql://`) URL means PostgreSQL.
///
/// The URL takes the usual parts, `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, and libpq's query parameters
/// `sslmode` (`disable`, `prefer` (the default, as libpq), `require` (encrypted, certificate not checked) or
/// `verify-full`), `connect_timeout` (seconds, default 10) and `options` (server settings at connection start,
/// e.g. `options=-c%20search_path%3Dhistory` to keep the tables in schema `history`). Anything else is an error
/// naming what was given, with the password replaced by `***`.
public enum HistoryLocation: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite database file (created when missing).
    case sqlite(path: String)
    /// A PostgreSQL server.
    case postgres(PostgresSettings)

    /// The connection settings of a `postgres://` location; printed, the password shows as `***`.
    public struct PostgresSettings: Sendable, Hashable, CustomStringConvertible {
        public enum TLSMode: String, Sendable, Hashable, CaseIterable {
            case disable, prefer, require
            case verifyFull = "verify-full"
        }

        public var host: String
        public var port: Int
        public var user: String
        public var password: String?
        public var database: String
        public var tls: TLSMode
        public var connectTimeoutSeconds: Int
        /// libpq's `options`: command-line options for the server process, e.g. `-c search_path=history`.
        public var options: String?

        /// Creates settings.
        public init(
            host: String,
            port: Int = 5432,
            user: String,
            password: String?,
            database: String,
            tls: TLSMode = .prefer,
            connectTimeoutSeconds: Int = 10,
            options: String? = nil
        ) {
            self.host = host
            self.port = port
            self.user = user
            self.password = password
            self.database = database
            self.tls = tls
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.options = options
        }

        /// The settings as a URL with the password replaced by `***`.
        public var description: String { HistoryLocation.postgres(self).description }
    }

    /// Parses `--history` / `SMOKEGATE_HISTORY`; throws ``HistoryError/Reason/invalidLocation``.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw HistoryError(reason: .invalidLocation, message: "the history location is empty: give a file path (SQLite) or a postgres:// URL")
        }
        guard let schemeEnd = trimmed.range(of: "://") else {
            if let colon = trimmed.firstIndex(of: ":"), trimmed[..<colon].lowercased().hasPrefix("postgres") {
                // Not echoed: without "://" there is no telling where a password would start.
                throw HistoryError(reason: .invalidLocation, message: "the history location starts like PostgreSQL but is not a URL: write postgres://USER@HOST/DATABASE")
            }
            self = .sqlite(path: trimmed)
            return
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw HistoryError(
                reason: .invalidLocation,
                message: "unsupported history location scheme \"\(scheme)\" in \(Self.redacting(trimmed)): give a file path (SQLite) or a postgres:// URL"
            )
        }
        self = .postgres(try Self.parsePostgres(trimmed))
    }

    /// The location with any password shown as `***`, safe for messages and logs.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return path
        case .postgres(let settings):
            let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
            let credentials = settings.user + (settings.password == nil ? "" : ":***")
            let options = settings.options.map { "&options=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
            return "postgres://\(credentials)@\(host):\(settings.port)/\(settings.database)?sslmode=\(settings.tls.rawValue)\(options)"
        }
    }

    private static func parsePostgres(_ text: String) throws -> PostgresSettings {
        let shown = redacting(text)
        guard let components = URLComponents(string: text) else {
            throw HistoryError(reason: .invalidLocation, message: "\(shown) is not a valid URL")
        }
        var host = components.host ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else {
            throw HistoryError(reason: .invalidLocation, message: "\(shown) names no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw HistoryError(reason: .invalidLocation, message: "\(shown) names no user: write postgres://USER@HOST/DATABASE")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw HistoryError(reason: .invalidLocation, message: "\(shown) names no database: write postgres://USER@HOST/DATABASE")
        }
        var settings = PostgresSettings(
            host: host,
            port: components.port ?? 5432,
            user: user.removingPercentEncoding ?? user,
            password: components.password.map { $0.removingPercentEncoding ?? $0 },
            database: database
        )
        guard (1...65535).contains(settings.port) else {
            throw HistoryError(reason: .invalidLocation, message: "\(shown): port \(settings.port) is out of range")
        }
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = PostgresSettings.TLSMode(rawValue: value) else {
                    let modes = PostgresSettings.TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw HistoryError(reason: .invalidLocation, message: "\(shown): sslmode \"\(value)\" is not one of \(modes)")
                }
                settings.tls = mode
            case "connect_timeout":
                guard let seconds = Int(value), seconds > 0 else {
                    throw HistoryError(reason: .invalidLocation, message: "\(shown): connect_timeout \"\(value)\" is not a positive number of seconds")
                }
                settings.connectTimeoutSeconds = seconds
            case "options":
                settings.options = value
            default:
                throw HistoryError(reason: .invalidLocation, message: "\(shown): unknown parameter \"\(item.name)\" (sslmode, connect_timeout and options are supported)")
            }
        }
        return settings
    }

    /// `text` with the password of a `scheme://user:password@` prefix replaced by `***`.
    static func redacting(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
