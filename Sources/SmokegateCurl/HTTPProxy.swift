/// The proxy a transfer goes through. A transfer without one connects directly: the process's proxy variables
/// (`http_proxy`, `HTTPS_PROXY`, `ALL_PROXY`, `no_proxy`…) are never read by the transfer itself.
public struct HTTPProxy: Sendable, Hashable {
    /// `http://`, `https://`, `socks5://` or `socks5h://` URL, credentials included; handed to curl only.
    public var url: String
    /// How messages name the proxy: the URL with its password masked. Supplied by the caller, who masks it.
    public var label: String

    public init(url: String, label: String) {
        self.url = url
        self.label = label
    }
}
