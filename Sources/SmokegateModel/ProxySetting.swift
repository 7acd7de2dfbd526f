/// `proxy:` of an environment or an HTTP check: how its requests reach the target.
///
/// The default is `direct`: a health check probes what it names, so the process's proxy variables are ignored
/// unless the suite asks for them with `env`.
public enum ProxySetting: Sendable, Hashable {
    /// `none`: connect directly, whatever `http_proxy`, `HTTPS_PROXY`, `ALL_PROXY` say.
    case direct
    /// `env`: the process's proxy variables, read as curl reads them (`no_proxy` included), shown in the reports.
    case environment
    /// An `http://`, `https://`, `socks5://` or `socks5h://` URL, possibly with credentials.
    case url(String)

    /// The URL schemes a proxy may have.
    public static let schemes = ["http://", "https://", "socks5://", "socks5h://"]
}

/// The proxy one HTTP check goes through in one environment, decided when the suite is loaded.
public struct ResolvedProxy: Sendable, Hashable {
    /// The proxy URL with its credentials, for libcurl only.
    public var url: String
    /// Where it came from: `config`, or `env:NAME` for the environment variable.
    public var from: String

    public init(url: String, from: String) {
        self.url = url
        self.from = from
    }

    /// The URL with its password masked: what reports and messages show.
    public var label: String { Redactor.redactingURLPassword(url) }
}
