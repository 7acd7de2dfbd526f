import Foundation

/// One deployment a suite runs against: blue, green, prod…
public struct Environment: Sendable, Hashable {
    /// The name used on the command line (`--env green`) and in reports.
    public var name: String
    /// Relative check URLs are resolved against it.
    public var baseURL: String?
    /// `HOST:PORT:TO-HOST:TO-PORT` pins: the same hostname routed to this environment's backend, Host/SNI/TLS unchanged.
    public var connectTo: [String]
    /// Headers sent with every HTTP check in this environment (a check's own headers win).
    public var headers: [HeaderField]
    /// Where it is defined; nil for the implicit environment of a suite that defines none.
    public var location: SourceLocation?
    /// The version its checks with `version_from` must see answering.
    public var expectedVersion: String?
    /// `proxy:` for its HTTP checks (a check's own wins); nil when not set: a direct connection.
    public var proxy: ProxySetting?
    /// TLS trust and client certificate for its HTTP checks (`defaults:` and a check's own win, key by key).
    public var tls = TLSSettings()

    public init(name: String, baseURL: String? = nil, connectTo: [String] = [], headers: [HeaderField] = [], location: SourceLocation? = nil) {
        self.name = name
        self.baseURL = baseURL
        self.connectTo = connectTo
        self.headers = headers
        self.location = location
    }

    /// The environment used when a suite defines none: checks must then use absolute URLs.
    public static let implicitName = "default"
}

/// An HTTP header as configured: order is kept, names compare case-insensitively.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HeaderField {
    /// `self` with `overrides` applied: a header of the same name (any case) is replaced, others appended.
    public func overlaid(with overrides: [HeaderField]) -> [HeaderField] {
        var result = self
        for header in overrides {
            result.removeAll { $0.name.caseInsensitiveCompare(header.name) == .orderedSame }
            result.append(header)
        }
        return result
    }
}
