/// TLS settings of a probe: verification on unless `insecure`.
public struct TLSClientOptions: Sendable, Hashable {
    /// The name sent as SNI and verified against the certificate; nil means the host, when it is a name (not an IP).
    public var serverName: String?
    /// Skips chain and hostname verification; the caller reports that it did.
    public var insecure: Bool

    public init(serverName: String? = nil, insecure: Bool = false) {
        self.serverName = serverName
        self.insecure = insecure
    }
}
