/// One problem in a configuration, located where the user can fix it.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An error stops the run before anything is probed; a warning is printed and the run goes on.
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    /// Where the problem is; nil only for problems with no file (an empty directory, say).
    public var location: SourceLocation?
    /// What is wrong, in one sentence, with a suggestion where there is one.
    public var message: String
    public var severity: Severity

    public init(_ message: String, at location: SourceLocation?, severity: Severity = .error) {
        self.message = message
        self.location = location
        self.severity = severity
    }

    public var description: String {
        guard let location else { return "\(severity.rawValue): \(message)" }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

/// Every problem found while loading a configuration; nothing is probed while any exists.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var errors: [ConfigError]

    public init(_ errors: [ConfigError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

