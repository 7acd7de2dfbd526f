import SmokegateProbes

/// A TCP connection, optionally over TLS, optionally sending a payload and waiting for a matching reply.
public struct TCPProbeSpec: Sendable {
    public var host: String
    public var port: Int
    public var tls: TLSClientOptions?
    public var send: [UInt8]?
    /// The reply to wait for; without it, connecting (and any reply to `send`) is enough.
    public var expect: Pattern?
    public var connectTimeout: Duration
    public var readTimeout: Duration
    public var timeout: Duration

    public init(host: String, port: Int, tls: TLSClientOptions?, send: [UInt8]?, expect: Pattern?, connectTimeout: Duration, readTimeout: Duration, timeout: Duration) {
        self.host = host
        self.port = port
        self.tls = tls
        self.send = send
        self.expect = expect
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.timeout = timeout
    }
}

/// A PostgreSQL connection and one query.
public struct PostgresProbeSpec: Sendable {
    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    public var password: String?
    public var tls: PostgresTLSMode
    public var insecure: Bool
    public var query: String
    public var connectTimeout: Duration
    public var timeout: Duration

    public init(host: String, port: Int, database: String, user: String, password: String?, tls: PostgresTLSMode, insecure: Bool,
                query: String, connectTimeout: Duration, timeout: Duration) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.tls = tls
        self.insecure = insecure
        self.query = query
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

/// A Redis connection, optional AUTH, and one command.
public struct RedisProbeSpec: Sendable {
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var command: [String]
    public var connectTimeout: Duration
    public var timeout: Duration

    public init(host: String, port: Int, username: String?, password: String?, command: [String], connectTimeout: Duration, timeout: Duration) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.command = command
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}
