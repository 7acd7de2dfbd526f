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
