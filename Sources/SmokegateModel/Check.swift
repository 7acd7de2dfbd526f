import SmokegateCurl
import SmokegateDocuments
import SmokegateProbes

/// One check of a suite, with its definition resolved for every environment it runs in.
public struct Check: Sendable {
    /// Unique within its suite; the JUnit test case name.
    public var name: String
    /// The suite it belongs to (the file's `suite:` name or its base name); the JUnit classname.
    public var suite: String
    /// Where the check starts in its file.
    public var location: SourceLocation
    /// Free labels for `--tag` selection.
    public var tags: [String]
    /// The probe and its expectations per environment name, in environment order. Templates make them differ.
    public var definitions: [String: CheckDefinition]
    /// This check's own `compare:` margins, over the suite's.
    public var comparison: ComparisonSettings?
    /// This check's own `watch:` gates, instead of the suite's.
    public var watchGates: [WatchGate]?
    /// This check's own `alerts:` block, over its environment's and the suite's.
    public var alerts: AlertBlock?

    public init(name: String, suite: String, location: SourceLocation, tags: [String], definitions: [String: CheckDefinition]) {
        self.name = name
        self.suite = suite
        self.location = location
        self.tags = tags
        self.definitions = definitions
    }

    /// `suite/name`, how the console and reasons name a check.
    public var qualifiedName: String { "\(suite)/\(name)" }
}

/// Everything needed to probe one check in one environment, with variables substituted.
public struct CheckDefinition: Sendable {
    /// What to probe.
    public var probe: ProbeSpec
    /// Assertions on every sample's response.
    public var expectations: [Expectation]
    /// Limits on statistics over all samples (`p95 < 300ms`).
    public var latency: [Threshold]
    /// How many times to probe.
    public var samples: Int
    /// Spacing of samples on the run's clock (open loop); zero probes as fast as concurrency allows.
    public var interval: Duration
    /// Extra attempts for a failing sample; a sample rescued by one is `flaky`.
    public var retries: Int
    /// Pause before a retry.
    public var retryDelay: Duration
    /// Where a response says which version answered.
    public var versionSource: VersionSource?
    /// The version this environment must answer with (its `expect_version`).
    public var expectedVersion: String?
    /// How often `serve` probes it (`every:`, else the suite's `serve.every`, else 30 s).
    public var every: Duration?

    public init(probe: ProbeSpec, expectations: [Expectation], latency: [Threshold], samples: Int, interval: Duration, retries: Int, retryDelay: Duration) {
        self.probe = probe
        self.expectations = expectations
        self.latency = latency
        self.samples = samples
        self.interval = interval
        self.retries = retries
        self.retryDelay = retryDelay
    }
}

/// The kind of probe a check runs.
public enum ProbeSpec: Sendable {
    case http(HTTPProbeSpec)
    case tcp(TCPProbeRequest)
    case postgres(PostgresProbeRequest)
    case redis(RedisProbeRequest)

    /// The kind's name as written in YAML and reports.
    public var kind: String {
        switch self {
        case .http: "http"
        case .tcp: "tcp"
        case .postgres: "postgres"
        case .redis: "redis"
        }
    }

    /// What is probed, for reports (URLs with any password removed).
    public var target: String {
        switch self {
        case .http(let spec): Redactor.redactingURLPassword(spec.url)
        case .tcp(let spec): "\(spec.tls == nil ? "tcp" : "tls")://\(spec.host):\(spec.port)"
        case .postgres(let spec): "postgres://\(spec.user)@\(spec.host):\(spec.port)/\(spec.database)"
        case .redis(let spec): "redis://\(spec.username.map { $0 + "@" } ?? "")\(spec.host):\(spec.port)"
        }
    }

    /// TLS verification was switched off by the check.
    public var insecure: Bool {
        switch self {
        case .http(let spec): spec.insecure
        case .tcp(let spec): spec.tls?.insecure ?? false
        case .postgres(let spec): spec.insecure
        case .redis: false
        }
    }
}

/// An HTTP request and how to send it.
public struct HTTPProbeSpec: Sendable {
    public var method: String
    /// Absolute URL.
    public var url: String
    public var headers: [HeaderField]
    public var body: [UInt8]?
    public var connectTimeout: Duration
    public var timeout: Duration
    /// `follow_redirects`: never (false), only within the URL's scheme, host and port (`same_host`), or anywhere (true).
    public var followRedirects: HTTPRedirectPolicy
    public var maxRedirects: Int
    /// TLS verification off: shown in reports, never silent.
    public var insecure: Bool
    public var connectTo: [String]
    /// Bytes of the body kept; a longer body fails the sample.
    public var maxBody: Int
    /// Keep connections between samples (off by default: every probe measures a full connect).
    public var reuseConnections: Bool
    /// The proxy its requests go through; nil: a direct connection, whatever the process's proxy variables say.
    public var proxy: ResolvedProxy?

    public init(method: String, url: String, headers: [HeaderField], body: [UInt8]?, connectTimeout: Duration, timeout: Duration,
                followRedirects: HTTPRedirectPolicy, maxRedirects: Int, insecure: Bool, connectTo: [String], maxBody: Int, reuseConnections: Bool,
                proxy: ResolvedProxy? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.insecure = insecure
        self.connectTo = connectTo
        self.maxBody = maxBody
        self.reuseConnections = reuseConnections
        self.proxy = proxy
    }
}

/// Where a response names the version that answered: a header, or a JSON value in the body.
public enum VersionSource: Sendable {
    case header(String)
    case json(JSONPath)
}
