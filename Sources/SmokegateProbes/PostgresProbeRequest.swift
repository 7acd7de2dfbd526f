/// What a PostgreSQL probe connects to and which query it runs.
public struct PostgresProbeRequest: Sendable {
    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    /// The password, if the server asks for one. Never appears in any message, even when the server echoes it.
    public var password: String?
    /// TLS use; `prefer` and `require` verify the server against the system trust store unless `insecure`.
    public var tls: PostgresTLSMode
    /// Skips certificate and host name verification (self-signed test servers).
    public var insecure: Bool
    /// One SQL statement, run with the extended protocol (so no `;`-separated batches).
    public var query: String
    /// How long TCP may take to connect.
    public var connectTimeout: Duration
    /// How long the whole probe may take: connect, TLS, startup, authentication, query and close.
    public var timeout: Duration
    /// How many rows the result keeps for expectations; `rowCount` still counts them all.
    public var maxRows: Int

    public init(
        host: String,
        port: Int = 5432,
        database: String,
        user: String,
        password: String? = nil,
        tls: PostgresTLSMode = .prefer,
        insecure: Bool = false,
        query: String = "SELECT 1",
        connectTimeout: Duration = .seconds(5),
        timeout: Duration = .seconds(10),
        maxRows: Int = 100
    ) {
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
        self.maxRows = maxRows
    }
}
