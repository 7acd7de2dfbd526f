/// What a Redis probe connects to and which command it runs.
public struct RedisProbeRequest: Sendable {
    public var host: String
    public var port: Int
    /// The ACL user for `AUTH username password`; `nil` authenticates the default user with `AUTH password`.
    public var username: String?
    /// The `AUTH` password; `nil` sends no `AUTH` at all. Never appears in any message.
    public var password: String?
    /// The command and its arguments, sent as a RESP array of bulk strings.
    public var command: [String]
    /// How long TCP may take to connect.
    public var connectTimeout: Duration
    /// How long the whole probe may take: connect, `AUTH` and the command.
    public var timeout: Duration

    public init(
        host: String,
        port: Int,
        username: String? = nil,
        password: String? = nil,
        command: [String] = ["PING"],
        connectTimeout: Duration = .seconds(5),
        timeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.command = command
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}
