/// One HTTP request as the probe wants it performed.
///
/// Defaults suit a health check: a fresh connection per transfer so that every
/// sample pays (and measures) DNS, connect and TLS, verification on, bounded
/// redirects and a capped body.
public struct HTTPTransferRequest: Sendable {
    /// The request method; `HEAD` sends no body back, any method other than GET, POST and HEAD is sent verbatim.
    public var method: String
    /// The absolute `http` or `https` URL; other schemes are refused with `invalid_request`.
    public var url: String
    /// Request headers, sent in order as given; an empty value sends the header with an empty value.
    public var headers: [(name: String, value: String)]
    /// The request body; `nil` sends none (a POST without a body sends `Content-Length: 0`).
    public var body: [UInt8]?
    /// How long TCP connect (and name resolution before it) may take.
    public var connectTimeout: Duration
    /// How long the whole transfer may take, redirects included; it also bounds reads from a silent server.
    public var totalTimeout: Duration
    /// Which 3xx responses with a Location are followed; `true` and `false` read as `.anyHost` and `.never`.
    public var followRedirects: HTTPRedirectPolicy
    /// The most redirects followed before the transfer fails with `too_many_redirects`.
    public var maxRedirects: Int
    /// Skips certificate and host name verification; verification is on unless this is set.
    public var insecure: Bool
    /// A PEM file of the certificates to trust instead of the system's (a private CA); nil trusts the system's.
    public var caFile: String?
    /// A directory of hashed CA certificates (`openssl rehash`) to trust instead of the system's; with `caFile`, both.
    public var caPath: String?
    /// The certificate (and key) presented when the server asks for one: mutual TLS.
    public var clientCertificate: HTTPClientCertificate?
    /// The oldest TLS version accepted; nil leaves libcurl's default.
    public var tlsMinimumVersion: TLSMinimumVersion?
    /// Basic credentials, sent to the URL's host only.
    public var basicAuth: HTTPBasicCredentials?
    /// Cookies to start from, in libcurl's Netscape cookie-file lines; nil leaves the cookie engine off. With a
    /// list (empty or not), cookies a response sets are sent on the redirects that follow, and the response returns
    /// the jar as it ends.
    public var cookies: [String]?
    /// Which HTTP version to speak; the response says which one answered.
    public var httpVersion: HTTPVersionPreference
    /// `HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT` entries that redirect the connection while Host, SNI
    /// and certificate checks keep using the URL's host.
    public var connectTo: [String]
    /// The most body bytes accepted; a longer body fails the transfer with `body_too_large`.
    public var bodyCap: Int
    /// Whether the transfer may use, and leave behind, a pooled connection (and cached DNS answers).
    public var reuseConnections: Bool
    /// Whether the facts of the server's leaf certificate are returned (https only).
    public var captureCertificate: Bool
    /// The proxy to go through; nil connects directly, whatever proxy variables the environment holds.
    public var proxy: HTTPProxy?

    /// Creates a request; every parameter but the URL has a health-check default.
    public init(
        method: String = "GET",
        url: String,
        headers: [(name: String, value: String)] = [],
        body: [UInt8]? = nil,
        connectTimeout: Duration = .seconds(5),
        totalTimeout: Duration = .seconds(10),
        followRedirects: HTTPRedirectPolicy = .never,
        maxRedirects: Int = 5,
        insecure: Bool = false,
        connectTo: [String] = [],
        bodyCap: Int = 1 << 20,
        reuseConnections: Bool = false,
        captureCertificate: Bool = false,
        proxy: HTTPProxy? = nil,
        caFile: String? = nil,
        httpVersion: HTTPVersionPreference = .http2,
        caPath: String? = nil,
        clientCertificate: HTTPClientCertificate? = nil,
        tlsMinimumVersion: TLSMinimumVersion? = nil,
        basicAuth: HTTPBasicCredentials? = nil,
        cookies: [String]? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.followRedirects = followRedirects
        self.maxRedirects = maxRedirects
        self.insecure = insecure
        self.connectTo = connectTo
        self.bodyCap = bodyCap
        self.reuseConnections = reuseConnections
        self.captureCertificate = captureCertificate
        self.proxy = proxy
        self.caFile = caFile
        self.httpVersion = httpVersion
        self.caPath = caPath
        self.clientCertificate = clientCertificate
        self.tlsMinimumVersion = tlsMinimumVersion
        self.basicAuth = basicAuth
        self.cookies = cookies
    }
}
