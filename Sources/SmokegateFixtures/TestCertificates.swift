import Foundation

/// Certificates made at test time with the `openssl` command line (Debian's openssl), in a temporary directory.
///
/// Every certificate is self-signed with a P-256 key, so no test depends on a CA the machine happens to trust,
/// and a verifying client must call each of them untrusted (or worse: expired, or for another host).
public struct TestCertificates: Sendable {
    /// Why making the certificates failed, with a stable code for reports.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// `openssl_missing`, `openssl_failed` or `file_system`.
        public let code: String
        /// What went wrong, with openssl's stderr when it was openssl.
        public let message: String

        public var description: String { "\(code): \(message)" }
    }

    /// The temporary directory holding every file; `remove()` deletes it.
    public let directory: String
    /// Self-signed for "localhost" and IP 127.0.0.1, valid for 30 days.
    public let valid: FixtureTLS
    /// Self-signed for localhost / 127.0.0.1, valid only in January 2020.
    public let expired: FixtureTLS
    /// Self-signed for "wrong.example" only, valid for 30 days.
    public let wrongHost: FixtureTLS
    /// Self-signed for localhost / 127.0.0.1, expiring in 5 days.
    public let expiresSoon: FixtureTLS

    /// Runs openssl to make all four certificates in a new temporary directory; throws with openssl's stderr on failure.
    public static func make() throws -> TestCertificates {
        let openssl = try locateOpenSSL()
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("smokegate-certs-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(code: "file_system", message: "Could not create \(directory): \(error)")
        }
        do {
            let localNames = "DNS:localhost,IP:127.0.0.1"
            return TestCertificates(
                directory: directory,
                valid: try selfSigned("valid", commonName: "localhost", names: localNames, days: 30, openssl: openssl, in: directory),
                expired: try expired(openssl: openssl, in: directory),
                wrongHost: try selfSigned(
                    "wrong-host", commonName: "wrong.example", names: "DNS:wrong.example", days: 30, openssl: openssl, in: directory),
                expiresSoon: try selfSigned("expires-soon", commonName: "localhost", names: localNames, days: 5, openssl: openssl, in: directory)
            )
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Deletes the directory and every certificate and key in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `openssl req -x509` cannot backdate, so this one is self-signed through `openssl ca -selfsign`, which can.
    private static func expired(openssl: String, in directory: String) throws -> FixtureTLS {
        let key = directory + "/expired.key"
        let request = directory + "/expired.csr"
        let certificate = directory + "/expired.pem"
        let config = directory + "/ca.cnf"
        let newCerts = directory + "/issued"
        do {
            try FileManager.default.createDirectory(atPath: newCerts, withIntermediateDirectories: true)
            try Data().write(to: URL(fileURLWithPath: directory + "/index.txt"))
            try Data("01\n".utf8).write(to: URL(fileURLWithPath: directory + "/serial"))
            try Data(caConfig(directory: directory, newCerts: newCerts).utf8).write(to: URL(fileURLWithPath: config))
        } catch {
            throw Failure(code: "file_system", message: "Could not prepare the CA files in \(directory): \(error)")
        }
        try run(openssl, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", key])
        try run(openssl, ["req", "-new", "-key", key, "-subj", "/O=Smokegate Fixtures/CN=localhost", "-out", request])
        try run(openssl, [
            "ca", "-batch", "-config", config, "-selfsign", "-keyfile", key, "-in", request, "-out", certificate,
            "-startdate", "20200101000000Z", "-enddate", "20200201000000Z", "-extensions", "fixture_leaf", "-notext",
        ])
        return try load(certificate: certificate, key: key)
    }

    private static func caConfig(directory: String, newCerts: String) -> String {
        """
        [ ca ]
        default_ca = fixture_ca
        [ fixture_ca ]
        database = \(directory)/index.txt
        new_certs_dir = \(newCerts)
        serial = \(directory)/serial
        default_md = sha256
        policy = fixture_policy
        unique_subject = no
        email_in_dn = no
        preserve = yes
        [ fixture_policy ]
        organizationName = optional
        commonName = supplied
        [ fixture_leaf ]
        subjectAltName = DNS:localhost,IP:127.0.0.1
        basicConstraints = critical,CA:FALSE

        """
    }

    private static func selfSigned(
        _ name: String, commonName: String, names: String, days: Int, openssl: String, in directory: String
    ) throws -> FixtureTLS {
        let key = directory + "/\(name).key"
        let certificate = directory + "/\(name).pem"
        try run(openssl, [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", certificate, "-days", String(days),
            "-subj", "/O=Smokegate Fixtures/CN=\(commonName)", "-addext", "subjectAltName=\(names)",
        ])
        return try load(certificate: certificate, key: key)
    }

    private static func load(certificate: String, key: String) throws -> FixtureTLS {
        do {
            return try FixtureTLS(certificatePath: certificate, keyPath: key)
        } catch {
            throw Failure(code: "openssl_failed", message: "openssl wrote \(certificate), but it does not load: \(error)")
        }
    }

    static func locateOpenSSL() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = ["/usr/bin/openssl", "/usr/local/bin/openssl"]
            + path.split(separator: ":").map { "\($0)/openssl" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(code: "openssl_missing", message: "No openssl command line found (apt-get install -y openssl).")
        }
        return found
    }

    static func run(_ openssl: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(code: "openssl_missing", message: "Could not run \(openssl): \(error)")
        }
        // Read before waiting: a chatty openssl would otherwise block on a full pipe and never exit.
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let text = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(
                code: "openssl_failed",
                message: "openssl \(arguments.first ?? "") exited with \(process.terminationStatus): \(text)"
            )
        }
    }
}
