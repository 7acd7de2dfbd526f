/// One `name: value` of a `query:` or `form:`, in the order written; the value may refer to captures.
public struct FormField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One part of a `multipart:` body.
public struct MultipartPart: Sendable, Hashable {
    /// A text field (it may refer to captures), or a file read when the suite loads.
    public enum Content: Sendable, Hashable {
        case text(String)
        case file(bytes: [UInt8], filename: String, contentType: String)
    }

    public var name: String
    public var content: Content

    public init(name: String, content: Content) {
        self.name = name
        self.content = content
    }
}

/// The HTTP version a check requires (`http_version`); the version that answered is reported either way.
public enum HTTPVersionRequirement: String, Sendable, Hashable, CaseIterable {
    case http1_1 = "1.1"
    case http2 = "2"
}
