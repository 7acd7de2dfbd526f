/// HTTP Basic credentials, sent by libcurl (CURLOPT_USERNAME, CURLOPT_PASSWORD) to the request's own host only:
/// a redirect to another host does not get them.
public struct HTTPBasicCredentials: Sendable, Hashable {
    public var user: String
    /// Never shown.
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}
