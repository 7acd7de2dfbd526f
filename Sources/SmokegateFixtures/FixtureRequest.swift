/// One HTTP request as the fixture server received it, handed to the scripting closure.
public struct FixtureRequest: Sendable {
    /// The request method, as sent (`GET`, `POST`, ...).
    public var method: String
    /// The request target, including any query string.
    public var uri: String
    /// The request headers in arrival order; names keep the client's spelling.
    public var headers: [(name: String, value: String)]
    /// The request body, empty when none was sent.
    public var body: [UInt8]

    /// Creates a request; the server builds these, tests of handlers may too.
    public init(method: String, uri: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
    }

    /// The request target without its query string (and without a fragment, should a client send one).
    public var path: String {
        guard let end = uri.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return uri }
        return String(uri[..<end])
    }

    /// The first value of the header called `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
