import SmokegateCurl

/// Whom an HTTP check trusts and how it identifies itself over TLS: `ca_file`, `ca_path`, `client_cert`,
/// `client_key`, `client_key_password`, `tls_min_version`, from the environment, `defaults:` or the check.
public struct TLSSettings: Sendable, Hashable {
    /// A PEM bundle trusted instead of the system's CAs.
    public var caFile: String?
    /// A directory of hashed CA certificates trusted instead of the system's.
    public var caPath: String?
    /// The client certificate (PEM) for mutual TLS.
    public var clientCertificate: String?
    /// Its private key (PEM), when not in the certificate file.
    public var clientKey: String?
    /// The key's passphrase (a secret).
    public var clientKeyPassword: String?
    /// The oldest TLS version accepted.
    public var minimumVersion: TLSMinimumVersion?

    public init() {}

    /// `self` with every setting `overrides` gives replacing this one's.
    public func overlaid(with overrides: TLSSettings) -> TLSSettings {
        var result = self
        if let value = overrides.caFile { result.caFile = value }
        if let value = overrides.caPath { result.caPath = value }
        if let value = overrides.clientCertificate { result.clientCertificate = value }
        if let value = overrides.clientKey { result.clientKey = value }
        if let value = overrides.clientKeyPassword { result.clientKeyPassword = value }
        if let value = overrides.minimumVersion { result.minimumVersion = value }
        return result
    }

    /// The client certificate as libcurl takes it.
    public var clientIdentity: HTTPClientCertificate? {
        clientCertificate.map { HTTPClientCertificate(certificatePath: $0, keyPath: clientKey, keyPassword: clientKeyPassword) }
    }
}
