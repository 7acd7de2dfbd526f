/// The HTTP version a check requires (`http_version`); the version that answered is reported either way.
public enum HTTPVersionRequirement: String, Sendable, Hashable, CaseIterable {
    case http1_1 = "1.1"
    case http2 = "2"
}
