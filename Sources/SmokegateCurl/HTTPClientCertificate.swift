/// A client certificate for mutual TLS: PEM files on disk, handed to libcurl by path.
public struct HTTPClientCertificate: Sendable, Hashable {
    /// The PEM certificate (it may hold the key too).
    public var certificatePath: String
    /// The PEM private key; nil when the certificate file holds it.
    public var keyPath: String?
    /// The passphrase of an encrypted key; never shown.
    public var keyPassword: String?

    public init(certificatePath: String, keyPath: String? = nil, keyPassword: String? = nil) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.keyPassword = keyPassword
    }
}
