import Foundation
import NIOSSL

/// A certificate and its private key on disk (PEM), for fixture servers that speak TLS.
public struct FixtureTLS: Sendable {
    /// The PEM certificate the server presents.
    public let certificatePath: String
    /// The PEM private key of that certificate.
    public let keyPath: String
    /// When the certificate stops being valid, as written in it.
    public let notAfter: Date
    /// When set, the server requires a client certificate signed by this CA (PEM) and refuses the handshake without.
    public var clientCAPath: String?
    /// A server that cannot do TLS 1.3: it speaks TLS 1.2 at most.
    public var speaksOnlyTLS12 = false

    /// Describes an existing certificate and key; `TestCertificates.make()` builds these for the usual cases.
    public init(certificatePath: String, keyPath: String, notAfter: Date) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.notAfter = notAfter
    }

    /// Reads the certificate at `certificatePath` for its expiry, pairing it with `keyPath`.
    public init(certificatePath: String, keyPath: String) throws {
        guard let certificate = try NIOSSLCertificate.fromPEMFile(certificatePath).first else {
            throw NIOSSLError.failedToLoadCertificate
        }
        self.init(
            certificatePath: certificatePath,
            keyPath: keyPath,
            notAfter: Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
        )
    }

    /// A server-side TLS context presenting this certificate; built per server so a test may swap files between starts.
    func makeServerContext() throws -> NIOSSLContext {
        let certificates = try NIOSSLCertificate.fromPEMFile(certificatePath)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem))
        )
        if speaksOnlyTLS12 { configuration.maximumTLSVersion = .tlsv12 }
        if let clientCAPath {
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .file(clientCAPath)
        }
        // Probes under test give up on purpose (untrusted, expired certificates); a short wait for their
        // close_notify keeps such connections from lingering in the fixture's registry.
        configuration.shutdownTimeout = .milliseconds(500)
        return try NIOSSLContext(configuration: configuration)
    }
}
