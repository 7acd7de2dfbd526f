import Foundation

/// A private certificate authority made at test time with the `openssl` command line: its root, a server
/// certificate it signed for localhost / 127.0.0.1, and a client certificate it signed for mutual TLS, whose key
/// is encrypted with a passphrase. Nothing here is trusted by the machine: a client trusts it only when told to.
public struct TestCertificateAuthority: Sendable {
    /// The temporary directory holding every file; `remove()` deletes it.
    public let directory: String
    /// The CA's own certificate (PEM): what `ca_file` names.
    public let caCertificatePath: String
    /// A directory holding the CA's certificate under its subject hash (`openssl rehash`): what `ca_path` names.
    public let caDirectory: String
    /// The server certificate and key, signed by the CA.
    public let server: FixtureTLS
    /// The same server, also requiring a client certificate signed by the CA (mutual TLS).
    public let mutualServer: FixtureTLS
    /// The client certificate (PEM), signed by the CA, with extended key usage clientAuth.
    public let clientCertificatePath: String
    /// The client's private key (PEM), encrypted with `clientKeyPassword`.
    public let clientKeyPath: String
    /// The passphrase of the client's key.
    public let clientKeyPassword: String

    /// Runs openssl to make the CA and its certificates in a new temporary directory.
    public static func make() throws -> TestCertificateAuthority {
        let openssl = try TestCertificates.locateOpenSSL()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smokegate-ca-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw TestCertificates.Failure(code: "file_system", message: "Could not create \(directory): \(error)")
        }
        do {
            let ca = directory + "/ca.pem", caKey = directory + "/ca.key"
            let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
            try TestCertificates.run(openssl, ["req", "-x509"] + curve + ["-nodes", "-keyout", caKey, "-out", ca, "-days", "30",
                "-subj", "/O=Smokegate Test CA/CN=Smokegate Test Root", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
            let caDirectory = directory + "/trusted"
            try FileManager.default.createDirectory(atPath: caDirectory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: ca, toPath: caDirectory + "/smokegate-test-root.pem")
            try TestCertificates.run(openssl, ["rehash", caDirectory])
            func issue(_ name: String, subject: String, extensions: String, keyOptions: [String] = ["-nodes"]) throws -> (certificate: String, key: String) {
                let key = directory + "/\(name).key", request = directory + "/\(name).csr", certificate = directory + "/\(name).pem"
                let extensionsFile = directory + "/\(name).ext"
                try Data(extensions.utf8).write(to: URL(fileURLWithPath: extensionsFile))
                try TestCertificates.run(openssl, ["req", "-new"] + curve + keyOptions + ["-keyout", key, "-out", request, "-subj", subject])
                try TestCertificates.run(openssl, ["x509", "-req", "-in", request, "-CA", ca, "-CAkey", caKey, "-CAcreateserial",
                                                   "-out", certificate, "-days", "30", "-extfile", extensionsFile])
                return (certificate, key)
            }
            let server = try issue("server", subject: "/O=Smokegate Fixtures/CN=localhost",
                                   extensions: "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
            let password = "fixture-\(UUID().uuidString.prefix(8))"
            let client = try issue("client", subject: "/O=Smokegate Fixtures/CN=smokegate-probe", extensions: "extendedKeyUsage=clientAuth\n",
                                   keyOptions: ["-passout", "pass:\(password)"])
            let serverTLS = try FixtureTLS(certificatePath: server.certificate, keyPath: server.key)
            var mutual = serverTLS
            mutual.clientCAPath = ca
            return TestCertificateAuthority(directory: directory, caCertificatePath: ca, caDirectory: caDirectory, server: serverTLS, mutualServer: mutual,
                                            clientCertificatePath: client.certificate, clientKeyPath: client.key, clientKeyPassword: password)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Deletes the directory and every file in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
