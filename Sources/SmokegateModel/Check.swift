import Foundation
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
    /// The checks it waits for in each environment (their captures, or `needs:`); each comes earlier in `Suite.checks`.
    public var dependencies: [CheckDependency] = []

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
    /// Values it takes from each response for later checks (`capture:`).
    public var captures: [Capture] = []

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
    /// A DNS query to one or more servers.
    case dns(DNSCheckSpec)
    /// A `grpc.health.v1.Health/Check` call.
    case grpc(GRPCHealthProbeRequest)

    /// The kind's name as written in YAML and reports.
    public var kind: String {
        switch self {
        case .http: "http"
        case .tcp: "tcp"
        case .postgres: "postgres"
        case .redis: "redis"
        case .dns: "dns"
        case .grpc: "grpc"
        }
    }

    /// What is probed, for reports (URLs with any password removed).
    public var target: String {
        switch self {
        case .http(let spec): Redactor.redactingURLPassword(CaptureMarkers.display(spec.displayURL))
        case .tcp(let spec): "\(spec.tls == nil ? "tcp" : "tls")://\(spec.host):\(spec.port)"
        case .postgres(let spec): "postgres://\(spec.user)@\(spec.host):\(spec.port)/\(spec.database)"
        case .redis(let spec): "redis://\(spec.username.map { $0 + "@" } ?? "")\(spec.host):\(spec.port)"
        case .dns(let spec): spec.display
        case .grpc(let request): GRPCTarget.display(request)
        }
    }

    /// TLS verification was switched off by the check.
    public var insecure: Bool {
        switch self {
        case .http(let spec): spec.insecure
        case .tcp(let spec): spec.tls?.insecure ?? false
        case .postgres(let spec): spec.insecure
        case .redis, .dns: false
        case .grpc(let request): request.insecure
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
    /// `query:` fields appended to the URL, percent-encoded when the request is sent.
    public var query: [FormField] = []
    /// A `form:` body, sent `application/x-www-form-urlencoded`.
    public var form: [FormField]?
    /// A `multipart:` body, sent `multipart/form-data`.
    public var multipart: [MultipartPart]?
    /// Whether `body` is JSON (`json:`): a captured value in it is written as a JSON string's content.
    public var jsonBody = false
    /// `basic_auth:` credentials, sent to the URL's host only.
    public var basicAuth: HTTPBasicCredentials?
    /// `http_version:`: the version the response must come in; nil accepts any (HTTP/2 when TLS offers it).
    public var httpVersion: HTTPVersionRequirement?
    /// Trust, client certificate and oldest TLS version.
    public var tls = TLSSettings()

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

extension HTTPProbeSpec {
    /// The URL with its `query:` fields, as reports show it (captures as `{{name}}`).
    public var displayURL: String {
        guard !query.isEmpty else { return url }
        // Encoded as it will be sent, captures shown as `{{name}}` rather than as their encoding.
        func shown(_ text: String) -> String {
            var encoded = QueryEncoding.component(CaptureMarkers.display(text))
            for name in CaptureMarkers.names(in: text) {
                encoded = encoded.replacingOccurrences(of: QueryEncoding.component("{{\(name)}}"), with: "{{\(name)}}")
            }
            return encoded
        }
        let fields = query.map { "\(shown($0.name))=\(shown($0.value))" }
        return url + (url.contains("?") ? "&" : "?") + fields.joined(separator: "&")
    }

    /// Whether any part of the request refers to a capture.
    public var usesCaptures: Bool {
        CaptureMarkers.contains(url) || headers.contains { CaptureMarkers.contains($0.value) }
            || body.map { CaptureMarkers.contains(String(decoding: $0, as: UTF8.self)) } ?? false
            || (query + (form ?? [])).contains { CaptureMarkers.contains($0.name) || CaptureMarkers.contains($0.value) }
            || (multipart ?? []).contains { if case .text(let text) = $0.content { CaptureMarkers.contains(text) } else { false } }
            || basicAuth.map { CaptureMarkers.contains($0.user) || CaptureMarkers.contains($0.password) } ?? false
    }
}

/// Where a response names the version that answered: a header, or a JSON value in the body; for a DNS check, the
/// answers themselves.
public enum VersionSource: Sendable {
    case header(String)
    case json(JSONPath)
    /// `version_from: answers`: a DNS reply's sorted answer set is the version, so a watch follows a name moving.
    case answers
}
